import { defineMessages } from './en';

export default defineMessages({
  meta: {
    title: 'Dauys — Қазақстанның петициялары мен жергілікті мәселелері',
    description:
      'Dauys — Қазақстандағы электрондық петициялар мен жергілікті мәселелер туралы әкімдіктерге хабарлаудың ресми арнасы.',
  },
  shell: {
    skipToContent: 'Негізгі мазмұнға өту',
    brand: 'Dauys',
    tagline: 'Азаматтардың дауысы: петициялар мен жергілікті мәселелер',
    mainNav: 'Негізгі навигация',
    nav: {
      petitions: 'Петициялар',
      report: 'Мәселе туралы хабарлау',
      projects: 'Ұлттық жобалар',
      dashboard: 'Көрсеткіштер',
      signIn: 'Кіру',
    },
    language: 'Тіл',
    languageNames: { kk: 'Қазақша', ru: 'Русский', en: 'English' },
    footer: {
      about: 'Dauys — Қазақстан Республикасының электрондық петициялар мен жергілікті мәселелер порталы.',
      dataSources: 'Деректер көздері',
      boundaries: 'Шекаралар: UNHCR / OCHA, HDX арқылы (CC BY-IGO 3.0).',
      kato: 'Әкімшілік бірліктер: Ұлттық статистика бюросының ӘАОЖ (КАТО) жіктеуіші, 17.10.2022 редакциясы.',
    },
    demoBanner: 'Демонстрациялық орнату: мұндағы деректер мен тұлғалар шынайы емес.',
  },
  home: {
    heading: 'Сіздің дауысыңыз мемлекетке жетеді',
    lead: 'Үкіметке, министрліктерге, жергілікті әкімдіктер мен мәслихаттарға петиция беріп, оған қол қойыңыз, жергілікті мәселелер туралы жауапты әкімдікке хабарлаңыз және не істелгенін ашық бақылаңыз.',
    regionsHeading: 'Облыстар және республикалық маңызы бар қалалар',
    regionsLead: 'Аудандарын, қалаларын және жергілікті органдарын көру үшін өңірді таңдаңыз.',
    projectsHeading: 'Ұлттық жобалар',
    projectsLead: 'Петициялар мен хабарламалар өздері қатысты ұлттық жобалармен байланыстырылады.',
    projectStatus: { active: 'Жүзеге асырылуда', closed: 'Аяқталған' },
    period: 'Кезеңі: {{period}}',
    centre: 'Орталығы: {{centre}}',
    districtCount_one: '{{count}} аудан немесе қала',
    districtCount_other: '{{count}} аудан және қала',
  },
  unitType: {
    region: 'Облыс',
    city_of_republican_significance: 'Республикалық маңызы бар қала',
    district: 'Аудан',
    city_of_regional_significance: 'Облыстық маңызы бар қала',
    city_district: 'Қаладағы аудан',
  },
  region: {
    breadcrumbHome: 'Басты бет',
    population: 'Халқы: {{population}} ({{asOf}} жағдай бойынша)',
    populationUnknown: 'Халқы: деректер жоқ',
    unitsHeading: 'Аудандар мен қалалар',
    bodiesHeading: 'Жергілікті органдар',
    akimat: 'Әкімдік',
    maslikhat: 'Мәслихат',
    departmentsCount_one: '{{count}} басқарма',
    departmentsCount_other: '{{count}} басқарма',
    departmentsHeading: 'Әкімдіктің басқармалары',
    table: {
      caption: '{{region}}: аудандар мен қалалар',
      name: 'Атауы',
      type: 'Түрі',
      kato: 'ӘАОЖ коды',
      akimat: 'Әкімдік',
      population: 'Халқы',
    },
    needsReview: 'тексерілуде',
  },
  projects: {
    heading: 'Ұлттық жобалар',
    lead: 'Ұлттық жобалар ұлттық басымдықтарға қызмет етеді. Петициялар мен хабарламалар өздері қатысты жобалармен байланыстырылады.',
    priority: 'Ұлттық басымдық: {{priority}}',
  },
  section: {
    coming: 'Порталдың бұл бөлімі келесі шығарылымда ашылады. Әзірге өңірлер мен ұлттық жобаларды қарай аласыз.',
    backHome: 'Басты бетке өту',
  },
  notify: {
    welcome: {
      subject: 'Dauys порталына қош келдіңіз',
      body: 'Сәлеметсіз бе, {{name}}!\n\nҚазақстанның электрондық петициялар мен жергілікті мәселелер порталы Dauys-қа қош келдіңіз. Петицияларыңыз бен өтініштеріңіз туралы хабарламалар осында келеді.\n\nDauys',
    },
    petitionState: {
      subject: '«{{title}}» петицияңыз: $t(petitions.state.{{state}})',
      body: 'Сәлеметсіз бе, {{name}}!\n\n«{{title}}» петицияңыздың (№ {{number}}) мәртебесі: $t(petitions.state.{{state}}).\n\nDauys-тағы петиция: {{url}}\n\nDauys',
    },
    petitionOutcome: {
      subject: '«{{title}}» петициясына жауап берілді',
      body: 'Сәлеметсіз бе, {{name}}!\n\nСіз қол қойған «{{title}}» петициясына (№ {{number}}) жауап берілді: $t(petitions.decision.{{decision}}).\n\nDauys-тағы жауап: {{url}}\n\nDauys',
    },
    projectPetitionAnswered: {
      subject: '«{{title}}» петициясына жауап келді',
      body: 'Сәлеметсіз бе, {{name}}!\n\nҰлттық жобалармен ({{projects}}) байланысты «{{title}}» петициясына (№ {{number}}) жауап берілді: $t(petitions.decision.{{decision}}).\n\nБұл хабарламаны петицияны немесе осы жобалардың бірін бақылайтындықтан алдыңыз. Dauys-тағы жауап: {{url}}\n\nDauys',
    },
    petitionMilestone: {
      subject: '«{{title}}» петициясының орындалу барысы',
      body: 'Сәлеметсіз бе, {{name}}!\n\nАдресат «{{title}}» петицияңыздың (№ {{number}}) орындалу барысын белгіледі: {{text}}\n\nDauys-тағы петиция: {{url}}\n\nDauys',
    },
    reportFiled: {
      subject: '{{number}} өтінішіңіз тіркелді',
      body: 'Сәлеметсіз бе, {{name}}!\n\nӨтінішіңіз № {{number}} болып тіркелді. Қазір осы орынға жауапты әкімдік анықталуда; өтініш оған түскенде хабарлама аласыз.\n\nDauys-тағы өтініш: {{url}}\n\nDauys',
    },
    reportRouted: {
      subject: '{{number}} өтініші жолданды: {{akimat}}',
      body: 'Сәлеметсіз бе, {{name}}!\n\n№ {{number}} өтініш жолданды: {{akimat}}. Жауап беру мерзімі — {{dueOn}} дейін.\n\nDauys-тағы өтініш: {{url}}\n\nDauys',
    },
    reportStep: {
      subject: '{{number}} өтініші: $t(reportFiling.status.{{status}})',
      body: 'Сәлеметсіз бе, {{name}}!\n\n№ {{number}} өтініштің мәртебесі: $t(reportFiling.status.{{status}}).\n\nDauys-тағы өтініш: {{url}}\n\nDauys',
    },
    reportInfoRequested: {
      subject: '{{number}} өтініші: әкімдік қосымша мәлімет сұрайды',
      body: 'Сәлеметсіз бе, {{name}}!\n\n№ {{number}} өтінішті қарау үшін әкімдікке қосымша мәлімет қажет:\n\n{{text}}\n\nЖауап беру мерзімі сіз жауап бергенге дейін тоқтатыла тұрады. Dauys-та жауап беру: {{url}}\n\nDauys',
    },
    reportForwarded: {
      subject: '{{number}} өтініші қайта жолданды: {{akimat}}',
      body: 'Сәлеметсіз бе, {{name}}!\n\n№ {{number}} өтініш құзыреті бойынша қайта жолданды: {{akimat}}. Себебі: {{reason}}\n\nDauys-тағы өтініш: {{url}}\n\nDauys',
    },
    reportExtended: {
      subject: '{{number}} өтініші: жауап беру мерзімі ұзартылды',
      body: 'Сәлеметсіз бе, {{name}}!\n\n№ {{number}} өтінішке жауап беру мерзімі {{dueOn}} дейін ұзартылды. Себебі: {{reason}}\n\nDauys-тағы өтініш: {{url}}\n\nDauys',
    },
    reportAnswered: {
      subject: '{{number}} өтінішіне жауап берілді',
      body: 'Сәлеметсіз бе, {{name}}!\n\nӘкімдік № {{number}} өтінішке жауап берді: $t(reportFiling.decision.{{decision}}).\n\nDauys-тағы жауап: {{url}}\n\nDauys',
    },
    reportFixed: {
      subject: '{{number}} өтініші: мәселе шешілді деп белгіленді',
      body: 'Сәлеметсіз бе, {{name}}!\n\nӘкімдік № {{number}} өтініштегі мәселені шешілді деп белгіледі. Мұны растаңыз немесе мәселе шешілмегенін хабарлаңыз; 14 күн ішінде жауап болмаса, өтініш жабылады.\n\nDauys-та жауап беру: {{url}}\n\nDauys',
    },
    reportEscalated: {
      subject: '{{number}} өтініші бақылауға берілді',
      body: 'Сәлеметсіз бе, {{name}}!\n\n№ {{number}} өтініш бақылауға берілді: {{akimat}}.\n\nDauys-тағы өтініш: {{url}}\n\nDauys',
    },
    reportJoined: {
      subject: 'Сіз {{number}} өтінішіне қосылдыңыз',
      body: 'Сәлеметсіз бе, {{name}}!\n\nСіз № {{number}} өтінішке бірлескен өтініш беруші ретінде қосылдыңыз. Ол бойынша жауаптар мен жаңалықтарды өтініш берушімен бірдей аласыз.\n\nDauys-тағы өтініш: {{url}}\n\nDauys',
    },
    reportEscalatedToAkimat: {
      subject: '{{number}} өтініші әкімдігіңіздің бақылауына берілді',
      body: '{{number}} өтініші әкімдігіңіздің бақылауына берілді: $t(reportStaff.escalation.{{cause}}).\n\nDauys-тағы өтініш: {{url}}\n\nDauys',
    },
    footer: 'Бұл хабарламаны Dauys-та тіркелгіңіз болғандықтан алдыңыз.',
  },
  errors: {
    notFoundTitle: 'Бет табылмады',
    notFoundText: 'Бұл мекенжайда бет жоқ. Мекенжайды тексеріңіз немесе басты бетке өтіңіз.',
    errorTitle: 'Бірдеңе дұрыс болмады',
    errorText: 'Бетті көрсету мүмкін болмады. Кейінірек қайталап көріңіз. Қате қайталана берсе, төмендегі нөмірді бізге хабарлаңыз.',
    reference: 'Өтініш нөмірі: {{id}}',
    badRequest: 'Сұрауды түсіну мүмкін болмады.',
  },
});
