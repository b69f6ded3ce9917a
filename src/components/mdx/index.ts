/** The only components MDX bodies may use, passed to every <Content components={mdxComponents} />. */
import Fit from './Fit.astro';
import FitsOn from './FitsOn.astro';
import MemoryTable from './MemoryTable.astro';

export const mdxComponents = { Fit, FitsOn, MemoryTable };
