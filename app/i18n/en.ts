/** English strings. kk.ts and ru.ts must have exactly the same keys (checked by the compiler). */
const en = {
  meta: {
    title: 'Dauys — petitions and local issues of Kazakhstan',
    description:
      'Dauys is the official channel for e-petitions and reports of local problems to akimats in Kazakhstan.',
  },
  shell: {
    skipToContent: 'Skip to main content',
    brand: 'Dauys',
    tagline: 'Citizens’ voice: petitions and local issues',
    mainNav: 'Main navigation',
    nav: {
      petitions: 'Petitions',
      report: 'Report an issue',
      projects: 'National projects',
      dashboard: 'Dashboard',
      signIn: 'Sign in',
    },
    language: 'Language',
    languageNames: { kk: 'Қазақша', ru: 'Русский', en: 'English' },
    footer: {
      about: 'Dauys is the e-petition and local-issue portal of the Republic of Kazakhstan.',
      dataSources: 'Data sources',
      boundaries: 'Boundaries: UNHCR / OCHA, via HDX (CC BY-IGO 3.0).',
      kato: 'Administrative units: KATO classifier of the Bureau of National Statistics, edition 17.10.2022.',
    },
    demoBanner: 'Demonstration installation: the data and identities here are not real.',
  },
  home: {
    heading: 'Your voice reaches the state',
    lead: 'File and sign petitions to the Government, ministries and local akimats and maslikhats, report local problems to the akimat responsible, and follow what was done — in public.',
    regionsHeading: 'Regions and cities of republican significance',
    regionsLead: 'Choose a region to see its districts, cities and local bodies.',
    projectsHeading: 'National projects',
    projectsLead: 'Petitions and reports are linked to the national projects they affect.',
    projectStatus: { active: 'Active', closed: 'Closed' },
    period: 'Period: {{period}}',
    centre: 'Centre: {{centre}}',
    districtCount_one: '{{count}} district or city',
    districtCount_other: '{{count}} districts and cities',
  },
  unitType: {
    region: 'Region',
    city_of_republican_significance: 'City of republican significance',
    district: 'District',
    city_of_regional_significance: 'City of regional significance',
    city_district: 'City district',
  },
  region: {
    breadcrumbHome: 'Home',
    population: 'Population: {{population}} (as of {{asOf}})',
    populationUnknown: 'Population: no data',
    unitsHeading: 'Districts and cities',
    bodiesHeading: 'Local bodies',
    akimat: 'Akimat',
    maslikhat: 'Maslikhat',
    departmentsCount_one: '{{count}} department',
    departmentsCount_other: '{{count}} departments',
    departmentsHeading: 'Departments of the akimat',
    table: {
      caption: 'Districts and cities of {{region}}',
      name: 'Name',
      type: 'Type',
      kato: 'KATO code',
      akimat: 'Akimat',
      population: 'Population',
    },
    needsReview: 'under review',
  },
  projects: {
    heading: 'National projects',
    lead: 'National projects serve the national priorities. Petitions and reports are linked to the projects they affect.',
    priority: 'National priority: {{priority}}',
  },
  section: {
    coming: 'This part of the portal opens in the next release. Until then you can browse regions and national projects.',
    backHome: 'Go to the home page',
  },
  notify: {
    welcome: {
      subject: 'Welcome to Dauys',
      body: 'Hello {{name}},\n\nWelcome to Dauys, the portal for e-petitions and local issues of Kazakhstan. You will receive messages about your petitions and reports here.\n\nDauys',
    },
    petitionState: {
      subject: 'Your petition "{{title}}": $t(petitions.state.{{state}})',
      body: 'Hello {{name}},\n\nYour petition "{{title}}" (No. {{number}}) is now: $t(petitions.state.{{state}}).\n\nSee it on Dauys: {{url}}\n\nDauys',
    },
    petitionOutcome: {
      subject: 'The petition "{{title}}" was answered',
      body: 'Hello {{name}},\n\nThe petition "{{title}}" (No. {{number}}) that you signed has been answered: $t(petitions.decision.{{decision}}).\n\nRead the answer on Dauys: {{url}}\n\nDauys',
    },
    projectPetitionAnswered: {
      subject: 'The petition "{{title}}" was answered',
      body: 'Hello {{name}},\n\nThe petition "{{title}}" (No. {{number}}), linked to the national projects {{projects}}, has been answered: $t(petitions.decision.{{decision}}).\n\nYou receive this message because you follow the petition or one of these projects. Read the answer on Dauys: {{url}}\n\nDauys',
    },
    petitionMilestone: {
      subject: 'Progress on your petition "{{title}}"',
      body: 'Hello {{name}},\n\nThe addressee recorded progress on your petition "{{title}}" (No. {{number}}): {{text}}\n\nSee it on Dauys: {{url}}\n\nDauys',
    },
    reportFiled: {
      subject: 'Your report {{number}} is registered',
      body: 'Hello {{name}},\n\nYour report is registered under No. {{number}}. We are now finding the akimat responsible for the place; you will be told when it has the report.\n\nFollow it on Dauys: {{url}}\n\nDauys',
    },
    reportRouted: {
      subject: 'Report {{number}} was sent to {{akimat}}',
      body: 'Hello {{name}},\n\nThe report No. {{number}} was sent to {{akimat}}. The answer is due by {{dueOn}}.\n\nFollow it on Dauys: {{url}}\n\nDauys',
    },
    reportStep: {
      subject: 'Report {{number}}: $t(reportFiling.status.{{status}})',
      body: 'Hello {{name}},\n\nThe report No. {{number}} is now: $t(reportFiling.status.{{status}}).\n\nSee it on Dauys: {{url}}\n\nDauys',
    },
    reportInfoRequested: {
      subject: 'Report {{number}}: the akimat asks for more information',
      body: 'Hello {{name}},\n\nThe akimat needs more information to deal with the report No. {{number}}:\n\n{{text}}\n\nThe deadline for the answer is paused until you reply. Reply on Dauys: {{url}}\n\nDauys',
    },
    reportForwarded: {
      subject: 'Report {{number}} was forwarded to {{akimat}}',
      body: 'Hello {{name}},\n\nThe report No. {{number}} was forwarded to {{akimat}}, which is competent for it. Reason: {{reason}}\n\nFollow it on Dauys: {{url}}\n\nDauys',
    },
    reportExtended: {
      subject: 'Report {{number}}: the answer deadline was extended',
      body: 'Hello {{name}},\n\nThe deadline for the answer to the report No. {{number}} was extended to {{dueOn}}. Reason: {{reason}}\n\nFollow it on Dauys: {{url}}\n\nDauys',
    },
    reportAnswered: {
      subject: 'Report {{number}} was answered',
      body: 'Hello {{name}},\n\nThe akimat answered the report No. {{number}}: $t(reportFiling.decision.{{decision}}).\n\nRead the answer on Dauys: {{url}}\n\nDauys',
    },
    reportFixed: {
      subject: 'Report {{number}}: the problem is marked as fixed',
      body: 'Hello {{name}},\n\nThe akimat marked the problem of the report No. {{number}} as fixed. Please confirm the fix or tell us that it is not fixed; without an answer within 14 days the report closes.\n\nAnswer on Dauys: {{url}}\n\nDauys',
    },
    reportEscalated: {
      subject: 'Report {{number}} was escalated',
      body: 'Hello {{name}},\n\nThe report No. {{number}} was passed to {{akimat}} for control.\n\nFollow it on Dauys: {{url}}\n\nDauys',
    },
    reportJoined: {
      subject: 'You joined the report {{number}}',
      body: 'Hello {{name}},\n\nYou joined the report No. {{number}} as a co-applicant. You will receive its answers and news like the reporter.\n\nFollow it on Dauys: {{url}}\n\nDauys',
    },
    reportEscalatedToAkimat: {
      subject: 'Report {{number}} escalated to your akimat',
      body: 'Report {{number}} has been escalated to your akimat: $t(reportStaff.escalation.{{cause}}).\n\nOpen it on Dauys: {{url}}\n\nDauys',
    },
    footer: 'You receive this message because you have an account on Dauys.',
  },
  errors: {
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no page at this address. Check the address or go to the home page.',
    errorTitle: 'Something went wrong',
    errorText: 'The page could not be shown. Please try again later. If it keeps happening, tell us the reference below.',
    reference: 'Reference: {{id}}',
    badRequest: 'The request could not be understood.',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
export default en;

/** Locales may add plural forms (ru: _few, _many) but must carry every English key. */
export function defineMessages<T extends Messages>(messages: T): T {
  return messages;
}
