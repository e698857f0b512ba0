import { type FormField, findContentIssues, mergeBundle, processWorkingDays, serviceItemInputSchema } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { buildDepartments, municipalDepartments } from '../departments.ts';
import { createRng } from '../random.ts';
import { typeCodeOf } from './dsl.ts';
import { fieldDictionary } from './fields.ts';
import { buildDemoCatalogue } from './index.ts';
import { prefillSources, resourceFields } from './resources.ts';
import { catalogueEvents, catalogueThemes } from './taxonomy.ts';

const catalogue = buildDemoCatalogue();
const byCode = new Map(catalogue.map((i) => [i.code, i]));
const bundles = catalogue.filter((i) => i.bundleMembers !== undefined);
const departmentIds = new Set(buildDepartments(createRng()).departments.map((d) => d.id));

/** Materials only the applicant can give: signed forms and statements, contracts, photos (a registered lease is a certificate). */
const applicantOnly = /申请书|申请表|登记表|委托书|协议|照片|相片|承诺书|声明|合同(?!登记备案)/;

describe('demo catalogue', () => {
  it('has at least 150 items with unique codes, each exactly in the schema shape', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(150);
    expect(new Set(catalogue.map((i) => i.code)).size).toBe(catalogue.length);
    for (const i of catalogue) {
      const parsed = serviceItemInputSchema.safeParse(i);
      expect(parsed.success, `${i.code}: ${parsed.error?.message}`).toBe(true);
      // nothing left for defaults to fill in or trimming to change
      expect(parsed.data, i.code).toEqual(i);
    }
  });

  it('is deterministic', () => {
    expect(buildDemoCatalogue()).toEqual(catalogue);
  });

  it('codes name the department and the item type (bundles are SH-YJS-nnn)', () => {
    for (const i of catalogue) {
      if (i.bundleMembers) {
        expect(i.code, i.code).toMatch(/^SH-YJS-\d{3}$/);
        continue;
      }
      const m = /^SH-([A-Z0-9]+)-([A-Z]{2})-(\d{3})$/.exec(i.code);
      expect(m, i.code).not.toBeNull();
      const [, deptCode, typeCode] = m as RegExpExecArray;
      expect(i.responsibleDepartment.endsWith(`-${deptCode}`), `${i.code} vs ${i.responsibleDepartment}`).toBe(true);
      expect(typeCode, i.code).toBe(typeCodeOf(i.type));
    }
  });

  it('names only departments that exist in the demo city', () => {
    for (const i of catalogue) {
      expect(departmentIds.has(i.responsibleDepartment), `${i.code} ${i.responsibleDepartment}`).toBe(true);
      for (const d of i.implementingDepartments) expect(departmentIds.has(d), `${i.code} ${d}`).toBe(true);
      for (const s of i.process)
        if (s.department !== 'responsible') expect(departmentIds.has(s.department), `${i.code} ${s.department}`).toBe(true);
    }
  });

  it('spreads the items across every municipal department, several per bureau', () => {
    const counts = new Map<string, number>();
    for (const i of catalogue) {
      // a district branch (SH-PD-SAMR) counts for its bureau (SH-SAMR)
      const bureau = `SH-${i.responsibleDepartment.split('-').at(-1)}`;
      counts.set(bureau, (counts.get(bureau) ?? 0) + 1);
    }
    for (const m of municipalDepartments) {
      const n = counts.get(`SH-${m.code}`) ?? 0;
      expect(n, m.code).toBeGreaterThanOrEqual(m.kind === 'bureau' ? 3 : 1);
    }
  });

  it('covers the key business areas and high-frequency personal items', () => {
    const names = catalogue.map((i) => i.name.zh);
    const words = [
      '企业设立',
      '公章',
      '发票',
      '社会保险登记',
      '公积金',
      '施工许可',
      '不动产',
      '电力',
      '投资项目',
      '身份证',
      '出生',
      '结婚',
      '社会保障卡',
      '养老',
      '医疗保险',
      '公积金提取',
      '驾驶证',
      '学历',
      '居住证',
      '用水',
      '燃气',
      '规划许可',
      '竣工验收',
      '银行开户',
      '户口',
      '生育',
    ];
    for (const w of words)
      expect(
        names.some((n) => n.includes(w)),
        w,
      ).toBe(true);
  });

  it('has at least 5 bundles whose members exist, are not bundles and come from several departments', () => {
    expect(bundles.length).toBeGreaterThanOrEqual(5);
    for (const b of bundles) {
      const members = (b.bundleMembers ?? []).map((c) => byCode.get(c));
      for (const [k, m] of members.entries()) {
        expect(m, `${b.code} member ${b.bundleMembers?.[k]}`).toBeDefined();
        expect(m?.bundleMembers, `${b.code} nests a bundle`).toBeUndefined();
      }
      expect(new Set(members.map((m) => m?.responsibleDepartment)).size, b.code).toBeGreaterThanOrEqual(2);
      expect(
        b.process.some((s) => s.parallelGroup !== undefined),
        `${b.code} has parallel members`,
      ).toBe(true);
    }
    const names = bundles.map((b) => b.name.zh);
    expect(names.some((n) => n.includes('企业开办'))).toBe(true);
    expect(names.some((n) => n.includes('出生'))).toBe(true);
  });

  it('passes the catalogue consistency rules the server enforces', () => {
    for (const i of catalogue) {
      const { code, ...content } = i;
      expect(findContentIssues(content, { code, departmentExists: (id) => departmentIds.has(id) }), code).toEqual([]);
    }
  });

  it('merges every bundle with its members without field conflicts', () => {
    for (const b of bundles) {
      const { code, ...content } = b;
      const members = (b.bundleMembers ?? []).map((c) => {
        const { code: memberCode, ...memberContent } = byCode.get(c) as (typeof catalogue)[number];
        return { code: memberCode, content: memberContent };
      });
      const merged = mergeBundle(members, { code, content });
      expect(merged.members.length, code).toBe(members.length);
      expect(merged.results.length, code).toBeGreaterThan(0);
    }
  });

  it('start-a-business and newborn bundles ask the applicant for nothing a registry or earlier step holds', () => {
    const shareable = /身份证|户口|营业执照|出生医学证明|结婚证|不动产权|产权证|社会保险|学历/;
    const keyBundles = bundles.filter((x) => /企业开办|出生/.test(x.name.zh));
    expect(keyBundles.length).toBe(2);
    for (const b of keyBundles) {
      for (const m of b.materials)
        if (shareable.test(m.name.zh) && !applicantOnly.test(m.name.zh)) expect(m.source.kind, `${b.code} ${m.id}`).not.toBe('applicant');
      // and so for the members' materials as the applicant sees them merged
      const { code, ...content } = b;
      const members = (b.bundleMembers ?? []).map((c) => {
        const { code: memberCode, ...memberContent } = byCode.get(c) as (typeof catalogue)[number];
        return { code: memberCode, content: memberContent };
      });
      for (const m of mergeBundle(members, { code, content }).materials) {
        if (shareable.test(m.name.zh) && !applicantOnly.test(m.name.zh))
          expect(m.source.kind, `${b.code} merged ${m.id}`).not.toBe('applicant');
      }
    }
  });

  it('keeps every process within its promised days, and promises no more than the law allows', () => {
    for (const i of catalogue) {
      expect(i.promisedDays, i.code).toBeLessThanOrEqual(i.statutoryDays);
      expect(processWorkingDays(i.process), i.code).toBeLessThanOrEqual(i.promisedDays);
      // stricter than the server's rule (parallel steps count once): even added up one after
      // another the steps fit the promise, so the seed holds under either reading
      const sum = i.process.reduce((a, s) => a + s.workingDays, 0);
      expect(sum, `${i.code} step days`).toBeLessThanOrEqual(i.promisedDays);
      expect(new Set(i.process.map((s) => s.id)).size, `${i.code} step ids`).toBe(i.process.length);
      expect(i.process[0]?.kind, `${i.code} starts with acceptance`).toBe('accept');
      expect(
        i.process.some((s) => s.kind === 'approve' || s.kind === 'issue'),
        `${i.code} ends in a decision`,
      ).toBe(true);
      // steps of one parallel group sit next to each other
      const seen = new Set<string>();
      let last: string | undefined;
      for (const s of i.process) {
        if (s.parallelGroup && s.parallelGroup !== last) {
          expect(seen.has(s.parallelGroup), `${i.code} group ${s.parallelGroup} split`).toBe(false);
          seen.add(s.parallelGroup);
        }
        last = s.parallelGroup;
      }
      if (i.result?.licenceType)
        expect(
          i.process.some((s) => s.kind === 'issue'),
          `${i.code} issues its licence`,
        ).toBe(true);
    }
  });

  it('only zero-visit items are fully online, and those can be applied for online', () => {
    for (const i of catalogue) {
      if (i.visits === 0) {
        expect(i.channels, i.code).toContain('online');
        expect(i.onlineDepth, i.code).toBe('fully_online');
      } else expect(i.onlineDepth, i.code).not.toBe('fully_online');
    }
    // the plan's target: most items need at most one visit
    expect(catalogue.filter((i) => i.visits <= 1).length / catalogue.length).toBeGreaterThan(0.9);
  });

  it('refers only to existing situations in every condition', () => {
    for (const i of catalogue) {
      const options = new Map(i.situations.map((q) => [q.id, new Set(q.options.map((o) => o.id))]));
      expect(options.size, `${i.code} situation ids`).toBe(i.situations.length);
      const conditions = [...i.materials, ...i.form, ...i.process].flatMap((x) =>
        x.when ? [[('id' in x ? x.id : (x as FormField).key) as string, x.when] as const] : [],
      );
      for (const [where, when] of conditions) {
        for (const [q, opts] of Object.entries(when)) {
          expect(options.has(q), `${i.code} ${where}: no question ${q}`).toBe(true);
          for (const o of opts) expect(options.get(q)?.has(o), `${i.code} ${where}: no option ${q}=${o}`).toBe(true);
        }
      }
      for (const m of i.materials) expect(m.requirement === 'conditional', `${i.code} ${m.id}`).toBe(m.when !== undefined);
    }
  });

  it('uses each form field key with one type and one set of options everywhere, from the dictionary', () => {
    const seen = new Map<string, { type: string; options: string; code: string }>();
    for (const i of catalogue) {
      expect(new Set(i.form.map((f) => f.key)).size, `${i.code} duplicate field`).toBe(i.form.length);
      for (const f of i.form) {
        expect(f.key in fieldDictionary, `${i.code} ${f.key}`).toBe(true);
        const sig = { type: f.type, options: JSON.stringify(f.options ?? null), code: i.code };
        const prev = seen.get(f.key);
        if (prev)
          expect({ type: sig.type, options: sig.options }, `${f.key} in ${i.code} vs ${prev.code}`).toEqual({
            type: prev.type,
            options: prev.options,
          });
        else seen.set(f.key, sig);
        if (f.prefill) {
          const [source, field] = f.prefill.split('.') as [string, string];
          const resource = prefillSources[source as keyof typeof prefillSources];
          const fields = resource ? (resourceFields[resource] as readonly string[]) : undefined;
          expect(fields?.includes(field), `${i.code} ${f.key} prefill ${f.prefill}`).toBe(true);
        }
      }
    }
  });

  it('marks every material with an honest, resolvable source', () => {
    const issued = new Set(catalogue.flatMap((i) => (i.result?.licenceType ? [i.result.licenceType] : [])));
    let shared = 0;
    let total = 0;
    for (const i of catalogue) {
      expect(new Set(i.materials.map((m) => m.id)).size, `${i.code} material ids`).toBe(i.materials.length);
      if (!i.bundleMembers) expect(i.materials.length, i.code).toBeGreaterThan(0);
      const stepIds = new Set(i.process.map((s) => s.id));
      for (const m of i.materials) {
        total++;
        const s = m.source;
        if (s.kind !== 'applicant') shared++;
        if (s.kind === 'datahub') {
          const fields = resourceFields[s.resource as keyof typeof resourceFields] as readonly string[] | undefined;
          expect(fields, `${i.code} ${m.id} resource ${s.resource}`).toBeDefined();
          for (const f of s.fields) expect(fields?.includes(f), `${i.code} ${m.id} ${s.resource}.${f}`).toBe(true);
        }
        if (s.kind === 'licence')
          expect(issued.has(s.licenceType), `${i.code} ${m.id} licence ${s.licenceType} is issued by some item`).toBe(true);
        if (s.kind === 'earlier_step') {
          expect(i.bundleMembers, `${i.code} ${m.id}: earlier steps only inside bundles`).toBeDefined();
          expect(stepIds.has(s.stepId), `${i.code} ${m.id} step ${s.stepId}`).toBe(true);
        }
        // what only the applicant can give is never claimed from a registry
        if (applicantOnly.test(m.name.zh)) expect(s.kind, `${i.code} ${m.id}`).toBe('applicant');
        // ID cards and household registers always come from the population registry
        if (/(居民身份证|户口簿)$/.test(m.name.zh))
          expect(s.kind === 'datahub' && s.resource === 'POPULATION', `${i.code} ${m.id}`).toBe(true);
      }
    }
    // a healthy share of the paperwork is supplied by the platform, not the applicant
    expect(shared / total).toBeGreaterThan(0.3);
  });

  it('files items under known themes and events', () => {
    for (const i of catalogue) {
      expect(i.themes.length, `${i.code} has a theme`).toBeGreaterThan(0);
      for (const t of i.themes) expect(t in catalogueThemes, `${i.code} theme ${t}`).toBe(true);
      for (const e of i.events) expect(e in catalogueEvents, `${i.code} event ${e}`).toBe(true);
    }
    for (const e of [
      '新生儿出生',
      '结婚',
      '退休',
      '企业开办',
      '获得电力',
      '不动产登记',
      '工程建设项目审批',
      '投资项目',
      '新市民落户/居住证',
    ]) {
      expect(
        catalogue.some((i) => i.events.includes(e)),
        e,
      ).toBe(true);
    }
  });

  it('cites real legal bases and charges only with a basis', () => {
    for (const i of catalogue) {
      for (const l of i.legalBasis) expect(l.law, i.code).toMatch(/^《.+》/);
      if (i.fee.kind === 'charged') {
        expect(i.fee.amountYuan, i.code).toBeGreaterThan(0);
        expect(i.fee.legalBasis.law, i.code).toMatch(/^《.+》/);
      }
    }
  });
});
