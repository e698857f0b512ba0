/**
 * Parts of the portal that appear once their module ships, so no link ever leads nowhere.
 * `catalogue`: the home search box, which navigates to `/services` (set true when the catalogue
 * module's routes are added to the router).
 */
export const features = { catalogue: true } as const;
