import { defineMessages } from './en';

export default defineMessages({
  meta: {
    title: 'Dauys — петиции и местные проблемы Казахстана',
    description:
      'Dauys — официальный канал электронных петиций и сообщений о местных проблемах в акиматы Казахстана.',
  },
  shell: {
    skipToContent: 'Перейти к основному содержанию',
    brand: 'Dauys',
    tagline: 'Голос граждан: петиции и местные проблемы',
    mainNav: 'Основная навигация',
    nav: {
      petitions: 'Петиции',
      report: 'Сообщить о проблеме',
      projects: 'Национальные проекты',
      dashboard: 'Показатели',
      signIn: 'Войти',
    },
    language: 'Язык',
    languageNames: { kk: 'Қазақша', ru: 'Русский', en: 'English' },
    footer: {
      about: 'Dauys — портал электронных петиций и обращений по местным проблемам Республики Казахстан.',
      dataSources: 'Источники данных',
      boundaries: 'Границы: UNHCR / OCHA, через HDX (CC BY-IGO 3.0).',
      kato: 'Административные единицы: классификатор КАТО Бюро национальной статистики, редакция 17.10.2022.',
    },
    demoBanner: 'Демонстрационная установка: данные и личности здесь не настоящие.',
  },
  home: {
    heading: 'Ваш голос доходит до государства',
    lead: 'Подавайте и подписывайте петиции в Правительство, министерства, местные акиматы и маслихаты, сообщайте о местных проблемах в ответственный акимат и следите за тем, что сделано, — открыто.',
    regionsHeading: 'Области и города республиканского значения',
    regionsLead: 'Выберите регион, чтобы увидеть его районы, города и местные органы.',
    projectsHeading: 'Национальные проекты',
    projectsLead: 'Петиции и сообщения связываются с национальными проектами, которых они касаются.',
    projectStatus: { active: 'Действует', closed: 'Завершён' },
    period: 'Период: {{period}}',
    centre: 'Центр: {{centre}}',
    districtCount_one: '{{count}} район или город',
    districtCount_few: '{{count}} района или города',
    districtCount_many: '{{count}} районов и городов',
    districtCount_other: '{{count}} района или города',
  },
  unitType: {
    region: 'Область',
    city_of_republican_significance: 'Город республиканского значения',
    district: 'Район',
    city_of_regional_significance: 'Город областного значения',
    city_district: 'Район в городе',
  },
  region: {
    breadcrumbHome: 'Главная',
    population: 'Население: {{population}} (на {{asOf}})',
    populationUnknown: 'Население: нет данных',
    unitsHeading: 'Районы и города',
    bodiesHeading: 'Местные органы',
    akimat: 'Акимат',
    maslikhat: 'Маслихат',
    departmentsCount_one: '{{count}} управление',
    departmentsCount_few: '{{count}} управления',
    departmentsCount_many: '{{count}} управлений',
    departmentsCount_other: '{{count}} управления',
    departmentsHeading: 'Управления акимата',
    table: {
      caption: 'Районы и города: {{region}}',
      name: 'Название',
      type: 'Тип',
      kato: 'Код КАТО',
      akimat: 'Акимат',
      population: 'Население',
    },
    needsReview: 'на проверке',
  },
  projects: {
    heading: 'Национальные проекты',
    lead: 'Национальные проекты служат национальным приоритетам. Петиции и сообщения связываются с проектами, которых они касаются.',
    priority: 'Национальный приоритет: {{priority}}',
  },
  section: {
    coming: 'Этот раздел портала откроется в следующем выпуске. Пока вы можете посмотреть регионы и национальные проекты.',
    backHome: 'На главную страницу',
  },
  notify: {
    welcome: {
      subject: 'Добро пожаловать в Dauys',
      body: 'Здравствуйте, {{name}}!\n\nДобро пожаловать в Dauys — портал электронных петиций и местных проблем Казахстана. Сюда будут приходить сообщения о ваших петициях и обращениях.\n\nDauys',
    },
    petitionState: {
      subject: 'Ваша петиция «{{title}}»: $t(petitions.state.{{state}})',
      body: 'Здравствуйте, {{name}}!\n\nСтатус вашей петиции «{{title}}» (№ {{number}}): $t(petitions.state.{{state}}).\n\nПетиция на Dauys: {{url}}\n\nDauys',
    },
    petitionOutcome: {
      subject: 'На петицию «{{title}}» дан ответ',
      body: 'Здравствуйте, {{name}}!\n\nНа петицию «{{title}}» (№ {{number}}), которую вы подписали, дан ответ: $t(petitions.decision.{{decision}}).\n\nОтвет на Dauys: {{url}}\n\nDauys',
    },
    projectPetitionAnswered: {
      subject: 'Получен ответ на петицию «{{title}}»',
      body: 'Здравствуйте, {{name}}!\n\nНа петицию «{{title}}» (№ {{number}}), связанную с национальными проектами ({{projects}}), дан ответ: $t(petitions.decision.{{decision}}).\n\nВы получили это сообщение, потому что следите за петицией или за одним из этих проектов. Ответ на Dauys: {{url}}\n\nDauys',
    },
    petitionMilestone: {
      subject: 'Ход исполнения петиции «{{title}}»',
      body: 'Здравствуйте, {{name}}!\n\nАдресат отметил ход исполнения вашей петиции «{{title}}» (№ {{number}}): {{text}}\n\nПетиция на Dauys: {{url}}\n\nDauys',
    },
    reportFiled: {
      subject: 'Ваше обращение {{number}} зарегистрировано',
      body: 'Здравствуйте, {{name}}!\n\nВаше обращение зарегистрировано под № {{number}}. Сейчас определяется акимат, ответственный за это место; вы получите сообщение, когда обращение поступит к нему.\n\nОбращение на Dauys: {{url}}\n\nDauys',
    },
    reportRouted: {
      subject: 'Обращение {{number}} направлено: {{akimat}}',
      body: 'Здравствуйте, {{name}}!\n\nОбращение № {{number}} направлено: {{akimat}}. Срок ответа — до {{dueOn}}.\n\nОбращение на Dauys: {{url}}\n\nDauys',
    },
    reportStep: {
      subject: 'Обращение {{number}}: $t(reportFiling.status.{{status}})',
      body: 'Здравствуйте, {{name}}!\n\nСтатус обращения № {{number}}: $t(reportFiling.status.{{status}}).\n\nОбращение на Dauys: {{url}}\n\nDauys',
    },
    reportInfoRequested: {
      subject: 'Обращение {{number}}: акимат просит дополнительные сведения',
      body: 'Здравствуйте, {{name}}!\n\nДля рассмотрения обращения № {{number}} акимату нужны дополнительные сведения:\n\n{{text}}\n\nСрок ответа приостановлен до вашего ответа. Ответить на Dauys: {{url}}\n\nDauys',
    },
    reportForwarded: {
      subject: 'Обращение {{number}} перенаправлено: {{akimat}}',
      body: 'Здравствуйте, {{name}}!\n\nОбращение № {{number}} перенаправлено по компетенции: {{akimat}}. Причина: {{reason}}\n\nОбращение на Dauys: {{url}}\n\nDauys',
    },
    reportExtended: {
      subject: 'Обращение {{number}}: срок ответа продлён',
      body: 'Здравствуйте, {{name}}!\n\nСрок ответа на обращение № {{number}} продлён до {{dueOn}}. Причина: {{reason}}\n\nОбращение на Dauys: {{url}}\n\nDauys',
    },
    reportAnswered: {
      subject: 'На обращение {{number}} дан ответ',
      body: 'Здравствуйте, {{name}}!\n\nАкимат ответил на обращение № {{number}}: $t(reportFiling.decision.{{decision}}).\n\nОтвет на Dauys: {{url}}\n\nDauys',
    },
    reportFixed: {
      subject: 'Обращение {{number}}: проблема отмечена как устранённая',
      body: 'Здравствуйте, {{name}}!\n\nАкимат отметил проблему по обращению № {{number}} как устранённую. Подтвердите это или сообщите, что проблема не устранена; без ответа в течение 14 дней обращение будет закрыто.\n\nОтветить на Dauys: {{url}}\n\nDauys',
    },
    reportEscalated: {
      subject: 'Обращение {{number}} передано на контроль',
      body: 'Здравствуйте, {{name}}!\n\nОбращение № {{number}} передано на контроль: {{akimat}}.\n\nОбращение на Dauys: {{url}}\n\nDauys',
    },
    reportJoined: {
      subject: 'Вы присоединились к обращению {{number}}',
      body: 'Здравствуйте, {{name}}!\n\nВы присоединились к обращению № {{number}} как соавтор. Вы будете получать ответы и новости по нему наравне с заявителем.\n\nОбращение на Dauys: {{url}}\n\nDauys',
    },
    reportEscalatedToAkimat: {
      subject: 'Обращение {{number}} передано на контроль вашему акимату',
      body: 'Обращение {{number}} передано на контроль вашему акимату: $t(reportStaff.escalation.{{cause}}).\n\nОбращение на Dauys: {{url}}\n\nDauys',
    },
    footer: 'Вы получили это сообщение, потому что у вас есть учётная запись в Dauys.',
  },
  errors: {
    notFoundTitle: 'Страница не найдена',
    notFoundText: 'По этому адресу страницы нет. Проверьте адрес или перейдите на главную страницу.',
    errorTitle: 'Что-то пошло не так',
    errorText: 'Страницу не удалось показать. Попробуйте позже. Если ошибка повторяется, сообщите нам номер ниже.',
    reference: 'Номер обращения: {{id}}',
    badRequest: 'Запрос не удалось разобрать.',
  },
});
