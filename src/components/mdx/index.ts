/** The only components MDX bodies may use, passed to every <Content components={mdxComponents} />. */
import Fit from './Fit.astro';

export const mdxComponents = { Fit };
