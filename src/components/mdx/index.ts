/** The only components MDX bodies may use, passed to every <Content components={mdxComponents} />. */
import ContactEmail from './ContactEmail.astro';
import Fit from './Fit.astro';
import FitsOn from './FitsOn.astro';
import MemoryTable from './MemoryTable.astro';

export const mdxComponents = { ContactEmail, Fit, FitsOn, MemoryTable };
