import type { ServiceItemInput } from '@tongban/domain';
import { householdBook, idCard } from './common.ts';
import { hub, item, law, lic, mat, own, sq } from './dsl.ts';
import { fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 教育委员会: degree certification, teacher qualification, school admission, private schools, student aid. */
export function educationItems(): ServiceItemInput[] {
  const degree = (o = {}) =>
    mat(
      'degree_record',
      ['高等教育学历、学位证书', 'Higher-education diploma and degree'],
      hub('DEGREE', 'id_number', 'name', 'institution', 'education_level', 'degree', 'major', 'graduation_date', 'certificate_number'),
      o,
    );

  return [
    item({
      code: 'SH-EDU-GG-001',
      name: ['高等教育学历学位认证', 'Certification of higher-education diplomas and degrees'],
      type: 'public_service',
      dept: 'EDU',
      laws: [
        law('《中华人民共和国高等教育法》', '第二十条'),
        law('《中华人民共和国学位法》'),
        law('《高等教育学历证书电子注册管理暂行规定》'),
      ],
      who: 'person',
      days: [20, 5],
      visits: 0,
      result: ['学历（学位）认证报告', 'Diploma / degree certification report', 'DEGREE-CERTIFICATION'],
      themes: ['教育', '就业创业'],
      events: ['新市民落户/居住证'],
      situations: [
        sq(
          'kind',
          ['认证内容', 'What to certify'],
          [
            ['diploma', '学历', 'Diploma'],
            ['degree', '学位', 'Degree'],
            ['both', '学历和学位', 'Both'],
          ],
        ),
      ],
      materials: [idCard(), degree()],
      form: [...personFields(), ...flds('education.institution', 'education.level', 'education.major', 'education.certificate_number')],
      summary: [
        '国内高等教育学历、学位在线认证，电子注册信息共享核验，出具中英文认证报告，可在线验证。',
        'Certify a Chinese diploma or degree online from the electronic register; bilingual reports, verifiable online.',
      ],
    }),
    item({
      code: 'SH-EDU-XK-001',
      name: ['教师资格认定', 'Recognition of teacher qualification'],
      type: 'administrative_licence',
      dept: 'EDU',
      laws: [
        law(LAW.teachers, '第十条'),
        law(LAW.teachers, '第十一条'),
        law(LAW.teachers, '第十三条'),
        law('《教师资格条例》'),
        law('《〈教师资格条例〉实施办法》'),
      ],
      who: 'person',
      conditions: [
        [
          '具备教师法规定的学历，通过中小学教师资格考试，普通话水平达到二级乙等以上，身体健康',
          'Required education, passed the teacher exam, Putonghua grade 2B or above, good health',
        ],
      ],
      days: [30, 20],
      visits: 0,
      result: ['教师资格证书', 'Teacher qualification certificate', 'TEACHER-QUALIFICATION-CERTIFICATE'],
      themes: ['教育', '就业创业'],
      materials: [
        idCard(),
        degree(),
        own('exam', ['中小学教师资格考试合格证明', 'Teacher qualification exam certificate'], { notes: '考试合格信息在线核验。' }),
        own('putonghua', ['普通话水平测试等级证书', 'Putonghua proficiency certificate']),
        own('health', ['指定医院出具的体检合格证明', 'Medical certificate from a designated hospital']),
        own('conduct', ['个人承诺书（思想品德情况）', 'Personal undertaking on conduct']),
      ],
      form: [...personFields(), fld('teacher.school_level'), fld('teacher.subject')],
      summary: [
        '申请幼儿园、中小学、中职学校教师资格认定，网上申报、现场确认合并为一次。',
        'Recognition of kindergarten, school and vocational teacher qualification, in one online procedure.',
      ],
    }),
    item({
      code: 'SH-EDU-GG-002',
      name: ['义务教育阶段入学登记（小学、初中）', 'Enrolment for compulsory education (primary and junior secondary)'],
      type: 'public_service',
      dept: 'EDU',
      laws: [law('《中华人民共和国义务教育法》', '第十二条'), law('《上海市实施〈中华人民共和国义务教育法〉办法》')],
      who: 'person',
      conditions: [
        [
          '适龄儿童少年免试就近入学；非本市户籍随迁子女按居住证积分等条件入学',
          'Children attend nearby schools without exams; children of non-local families by residence-permit criteria',
        ],
      ],
      days: [20, 20],
      visits: 0,
      result: ['入学（录取）通知', 'Admission notice'],
      themes: ['教育'],
      events: ['升学'],
      situations: [
        sq(
          'hukou',
          ['儿童户籍', "Child's household registration"],
          [
            ['local', '本市户籍', 'Local'],
            ['nonlocal', '非本市户籍随迁子女', 'Non-local (family living in the city)'],
          ],
        ),
      ],
      materials: [
        householdBook({}, 'child_household', ['儿童居民户口簿', "Child's household register"]),
        mat(
          'home_title',
          ['居住地房屋不动产权证书', 'Title of the family home'],
          hub('REAL-ESTATE-TITLE', 'owner_id_number', 'address', 'usage'),
          { optional: true },
        ),
        mat('residence_permit', ['父母一方上海市居住证', "A parent's Shanghai residence permit"], lic('RESIDENCE-PERMIT'), {
          when: { hukou: ['nonlocal'] },
        }),
        mat('rental_registration', ['住房租赁合同登记备案证明', 'Registered lease'], lic('RENTAL-REGISTRATION-CERTIFICATE'), {
          when: { hukou: ['nonlocal'] },
        }),
        mat(
          'parent_insurance',
          ['父母在沪社会保险缴纳记录', "Parents' social insurance in Shanghai"],
          hub('SOCIAL-INSURANCE', 'id_number', 'insured_since', 'contribution_months'),
          { when: { hukou: ['nonlocal'] } },
        ),
      ],
      form: [
        ...flds(
          'child.name',
          'child.id_number',
          'child.birth_date',
          'applicant.name',
          'applicant.id_number',
          'applicant.mobile',
          'applicant.residence_address',
        ),
      ],
      summary: [
        '适龄儿童家长在入学信息登记系统在线登记，户籍、房产、居住证和社保信息共享核验，按对口地段分配入学。',
        'Parents register online; household, home, permit and insurance data are checked by sharing and places allocated by catchment.',
      ],
    }),
    item({
      code: 'SH-EDU-GG-003',
      name: ['中小学生转学', 'School transfer of primary and secondary students'],
      type: 'public_service',
      dept: 'EDU',
      laws: [law('《中小学生学籍管理办法》（教基一〔2013〕7号）')],
      who: 'person',
      days: [15, 10],
      visits: 0,
      themes: ['教育'],
      events: ['升学', '新市民落户/居住证'],
      materials: [
        householdBook({}, 'child_household', ['学生居民户口簿', "Student's household register"]),
        own('acceptance', ['转入学校同意接收的证明', 'Acceptance by the new school']),
      ],
      form: flds('child.name', 'child.id_number', 'school.name', 'applicant.name', 'applicant.id_number', 'applicant.mobile'),
      summary: [
        '学生因户籍迁移、家庭搬迁等原因转学，在全国学籍系统办理学籍转接，无需开具纸质证明。',
        'Transfer a student’s record through the national student registry when the family moves.',
      ],
    }),
    item({
      code: 'SH-EDU-XK-002',
      name: ['民办学校设立审批', 'Approval of a private school'],
      type: 'administrative_licence',
      dept: 'EDU',
      laws: [law('《中华人民共和国民办教育促进法》', '第十二条'), law('《中华人民共和国民办教育促进法实施条例》')],
      who: 'enterprise',
      days: [60, 30],
      visits: 0,
      result: ['民办学校办学许可证', 'Private school operating licence', 'PRIVATE-SCHOOL-LICENCE'],
      themes: ['教育', '市场准入'],
      materials: [
        own('application', ['申办报告', 'Application report']),
        own('articles', ['学校章程及首届董事会（理事会）组成人员名单', 'Articles and the first board']),
        own('assets', ['办学资产及来源证明', 'School assets and their origin']),
        own('premises', ['校舍产权或使用证明及消防、卫生合格材料', 'Title or lease of the buildings, fire and health approvals']),
        mat('founder', ['举办者主体资格证明', "Founder's registration"], hub('ENTERPRISE-REGISTRATION', 'credit_code', 'name', 'status')),
      ],
      form: flds(
        'organisation.name',
        'organisation.purpose',
        'premises.address',
        'enterprise.credit_code',
        'applicant.name',
        'applicant.mobile',
      ),
      inspectDays: 10,
      summary: [
        '举办实施学历教育、学前教育等的民办学校，向教育行政部门申请设立，经评议和实地考察后作出决定。',
        'Approval to set up a private school, after expert review and a site visit.',
      ],
    }),
    item({
      code: 'SH-EDU-JF-001',
      name: ['家庭经济困难学生资助', 'Financial aid for students from families in hardship'],
      type: 'administrative_benefit',
      dept: 'EDU',
      laws: [law('《学生资助资金管理办法》（财教〔2021〕310号）')],
      who: 'person',
      days: [30, 20],
      visits: 0,
      themes: ['教育', '社会救助'],
      events: ['升学'],
      materials: [
        own('application', ['学生资助申请表', 'Application form']),
        householdBook(),
        own('hardship_proof', ['低保、特困等家庭经济困难证明材料', 'Evidence of hardship (minimum living allowance etc.)'], {
          optional: true,
        }),
      ],
      form: [
        ...flds(
          'child.name',
          'child.id_number',
          'school.name',
          'applicant.name',
          'applicant.id_number',
          'applicant.mobile',
          'household.monthly_income',
          'bank.card_number',
        ),
      ],
      summary: [
        '家庭经济困难的在校学生申请国家助学金、免学费等资助，困难认定信息与民政救助数据比对。',
        'Students in hardship apply for grants and fee waivers; hardship is checked against assistance records.',
      ],
    }),
  ];
}
