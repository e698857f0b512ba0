import type { ImportItem } from '../use-cases/import.ts';
import { buildItem, type ItemSpec } from './item-builder.ts';
import { bundleItemSpecs } from './items-bundles.ts';
import { businessItemSpecs } from './items-business.ts';
import { housingFundAndBirthItemSpecs } from './items-housing-fund-and-birth.ts';
import { identityAndCivilItemSpecs } from './items-identity-and-civil.ts';
import { projectItemSpecs } from './items-projects.ts';

/**
 * Small, realistic catalogue fixtures for the catalogue's own tests (independent of the demo
 * seed), built by `item-builder.ts`; the departments and staff they need are in `fixture-setup.ts`.
 */

/** ~30 items of a municipal catalogue, written for the search tests (names and summaries as real guides word them). */
export const catalogueFixtureSpecs: ItemSpec[] = [
  ...businessItemSpecs,
  ...housingFundAndBirthItemSpecs,
  ...identityAndCivilItemSpecs,
  ...projectItemSpecs,
  ...bundleItemSpecs,
];

export const catalogueFixtures: ImportItem[] = catalogueFixtureSpecs.map(buildItem);
