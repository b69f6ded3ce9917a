/** The only components MDX bodies may use, passed to every <Content components={mdxComponents} />. */
import AffiliateStatus from './AffiliateStatus.astro';
import ContactEmail from './ContactEmail.astro';
import Fit from './Fit.astro';
import FitsOn from './FitsOn.astro';
import FormatQuality from './FormatQuality.astro';
import Memory from './Memory.astro';
import MemoryTable from './MemoryTable.astro';
import Spec from './Spec.astro';
import Speed from './Speed.astro';

export const mdxComponents = {
  AffiliateStatus,
  ContactEmail,
  Fit,
  FitsOn,
  FormatQuality,
  Memory,
  MemoryTable,
  Spec,
  Speed,
};
