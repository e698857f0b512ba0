// The demo catalogue scaled up to a city-sized one (thousands of items), deterministically.
//
// Real municipal catalogues are large mostly because the same matter is listed once per level and
// per district (浦东新区食品经营许可, 闵行区食品经营许可 …), and once per situation of an
// application (新办, 变更, 延续, 注销, 补办). The generated items follow that pattern, so a query
// such as 营业执照 matches dozens of items rather than a handful, as it would in production:
//   1. per district: every non-bundle demo item, handled by the district's counterpart of the
//      responsible bureau (市场监督管理局 → 浦东新区市场监督管理局) or else its service centre,
//      named "<district><item>" / "<item> (<district>)";
//   2. per situation, until the target is reached: "<item>（延续）" etc., city-level items first.
// Bundles are not multiplied (their members are city-level items).

const SITUATIONS = [
  { zh: '新办', en: 'new application', code: 'XB' },
  { zh: '变更', en: 'change', code: 'BG' },
  { zh: '延续', en: 'renewal', code: 'YX' },
  { zh: '注销', en: 'cancellation', code: 'ZX' },
  { zh: '补办', en: 'replacement', code: 'BB' },
];

/**
 * @param {readonly any[]} base the demo catalogue (`buildDemoCatalogue()`)
 * @param {readonly { id: string, zh: string, en: string }[]} districts
 * @param {ReadonlySet<string>} departmentIds ids of the seeded departments
 * @param {number} target total number of items wanted (base included)
 */
export function buildScaledCatalogue(base, districts, departmentIds, target) {
  const items = [...base];
  const codes = new Set(base.map((i) => i.code));
  const add = (item) => {
    if (items.length >= target || codes.has(item.code)) return;
    codes.add(item.code);
    items.push(item);
  };
  const plain = base.filter((i) => !(i.bundleMembers?.length > 0));
  const districtNames = districts.map((d) => d.zh);

  for (const [d, district] of districts.entries()) {
    for (const [k, item] of plain.entries()) {
      if (districtNames.some((n) => item.name.zh.startsWith(n))) continue; // already a district item
      const bureau = item.responsibleDepartment.replace(/^SH-(?:[A-Z]{2}-)?/, '');
      const counterpart = `${district.id}-${bureau}`;
      const responsible = departmentIds.has(counterpart) ? counterpart : item.responsibleDepartment;
      const centre = `${district.id}-SC`;
      add({
        ...item,
        code: item.code.replace(/^SH-/, `${district.id}-`),
        name: { zh: `${district.zh}${item.name.zh}`, en: `${item.name.en} (${district.en})` },
        responsibleDepartment: responsible,
        implementingDepartments: [...new Set([responsible, ...(departmentIds.has(centre) ? [centre] : [])])],
        // District items are used less than the city-wide one, and unevenly across districts.
        popularity: Math.max(1, Math.round((item.popularity ?? 100) / (4 + ((d * 7 + k) % 13)))),
        ...(item.whereToApply
          ? { whereToApply: { zh: `${district.zh}${item.whereToApply.zh}`, en: `${item.whereToApply.en} (${district.en})` } }
          : {}),
      });
    }
  }
  // City-level items first, then district ones, each with one situation per round.
  const pool = [...plain, ...items.slice(base.length)];
  for (let round = 0; items.length < target && round < SITUATIONS.length; round++) {
    for (const [k, item] of pool.entries()) {
      const s = SITUATIONS[(k + round) % SITUATIONS.length];
      if (item.name.zh.includes(s.zh)) continue;
      add({
        ...item,
        code: `${item.code}-${s.code}`,
        name: { zh: `${item.name.zh}（${s.zh}）`, en: `${item.name.en} (${s.en})` },
        popularity: Math.max(1, Math.round((item.popularity ?? 100) / (3 + (k % 5)))),
      });
    }
  }
  if (items.length < target) throw new Error(`could only build ${items.length} of ${target} items`);
  return items;
}
