import { defineArea } from './define';

/**
 * Integrity checks: signal names, explanation templates (rendered from the domain's
 * { key, params }), and the moderator-facing labels (statuses, actions, reasons).
 * Parameters are counts, shares, durations and network prefixes only: never personal data.
 * `{{x, number(maximumFractionDigits: 1)}}` formats a decimal the locale's way (2.5 / 2,5).
 */

const en = {
  signal: {
    velocityBurst: 'Velocity burst',
    networkConcentration: 'Network concentration',
    sharedDevice: 'Shared device',
    accountWave: 'Wave of new accounts',
    lockstep: 'Lockstep co-signing',
    throttle: 'Rate limits',
  },
  signalHelp: {
    velocityBurst:
      'Signatures per minute far above the petition’s usual pace. A surge from many networks, regions and established accounts is organic and is not flagged.',
    networkConcentration:
      'A large share of the petition’s signatures from one address or one network. Mobile operators’ shared (CGNAT) ranges get higher thresholds.',
    sharedDevice: 'One device, or one unusual authenticator model and browser, used to sign for many different citizens.',
    accountWave: 'Many signers whose identity was proofed or whose passkey was created shortly before signing.',
    lockstep: 'A group of accounts that repeatedly sign the same petitions within minutes of each other.',
    throttle: 'More signatures from one address on one petition, or from one account, than the rate limits allow.',
  },
  explain: {
    summary: {
      review:
        'Held for review: risk {{scorePct}} % (review threshold {{thresholdPct}} %). The signature is not counted until a moderator decides.',
      count: 'Counted: risk {{scorePct}} % (review threshold {{thresholdPct}} %).',
    },
    groupEvidence: 'Re-scored after later signatures of the same group were held: the group’s evidence below applies to this signature too.',
    velocityBurst: {
      none_one: '{{count}} signature in the last {{minutes}} minutes, about {{expected, number(maximumFractionDigits: 1)}} expected: no burst.',
      none_other: '{{count}} signatures in the last {{minutes}} minutes, about {{expected, number(maximumFractionDigits: 1)}} expected: no burst.',
      organic_one:
        '{{count}} signature in {{minutes}} minutes against about {{expected, number(maximumFractionDigits: 1)}} expected: a surge, but from many networks, regions and established accounts.',
      organic_other:
        '{{count}} signatures in {{minutes}} minutes against about {{expected, number(maximumFractionDigits: 1)}} expected: a surge, but from many networks, regions and established accounts.',
      networks_one:
        '{{count}} signature in {{minutes}} minutes against about {{expected, number(maximumFractionDigits: 1)}} expected; distinct networks: {{distinctNetworks}}.',
      networks_other:
        '{{count}} signatures in {{minutes}} minutes against about {{expected, number(maximumFractionDigits: 1)}} expected; distinct networks: {{distinctNetworks}}.',
      youngAccounts_one:
        '{{count}} signature in {{minutes}} minutes against about {{expected, number(maximumFractionDigits: 1)}} expected; median account age {{medianAgeDays, number(maximumFractionDigits: 1)}} days.',
      youngAccounts_other:
        '{{count}} signatures in {{minutes}} minutes against about {{expected, number(maximumFractionDigits: 1)}} expected; median account age {{medianAgeDays, number(maximumFractionDigits: 1)}} days.',
      regions_one:
        '{{count}} signature in {{minutes}} minutes against about {{expected, number(maximumFractionDigits: 1)}} expected, from far fewer regions than the petition’s earlier signatures.',
      regions_other:
        '{{count}} signatures in {{minutes}} minutes against about {{expected, number(maximumFractionDigits: 1)}} expected, from far fewer regions than the petition’s earlier signatures.',
    },
    networkConcentration: {
      noAddress: 'The network address of this signature could not be read.',
      none: 'No address or network stands out among this petition’s recent signatures.',
      prefix_one:
        '{{count}} signature in {{minutes}} minutes from the network {{network}}, {{sharePct, number(maximumFractionDigits: 1)}} % of this petition’s signatures in that window.',
      prefix_other:
        '{{count}} signatures in {{minutes}} minutes from the network {{network}}, {{sharePct, number(maximumFractionDigits: 1)}} % of this petition’s signatures in that window.',
      prefixShared_one:
        '{{count}} signature in {{minutes}} minutes from the mobile-operator network {{network}} (shared addresses, higher thresholds applied), {{sharePct, number(maximumFractionDigits: 1)}} % of this petition’s signatures in that window.',
      prefixShared_other:
        '{{count}} signatures in {{minutes}} minutes from the mobile-operator network {{network}} (shared addresses, higher thresholds applied), {{sharePct, number(maximumFractionDigits: 1)}} % of this petition’s signatures in that window.',
      ip_one:
        '{{count}} signature in {{minutes}} minutes from a single address in the network {{network}}, {{sharePct, number(maximumFractionDigits: 1)}} % of this petition’s signatures in that window.',
      ip_other:
        '{{count}} signatures in {{minutes}} minutes from a single address in the network {{network}}, {{sharePct, number(maximumFractionDigits: 1)}} % of this petition’s signatures in that window.',
      ipShared_one:
        '{{count}} signature in {{minutes}} minutes from a single shared mobile-operator address in the network {{network}} (higher thresholds applied), {{sharePct, number(maximumFractionDigits: 1)}} % of this petition’s signatures in that window.',
      ipShared_other:
        '{{count}} signatures in {{minutes}} minutes from a single shared mobile-operator address in the network {{network}} (higher thresholds applied), {{sharePct, number(maximumFractionDigits: 1)}} % of this petition’s signatures in that window.',
    },
    sharedDevice: {
      none: 'No device was used for more citizens than a household would.',
      device_one: 'One device was used to sign for {{count}} different citizen within {{hours, number(maximumFractionDigits: 1)}} hours.',
      device_other: 'One device was used to sign for {{count}} different citizens within {{hours, number(maximumFractionDigits: 1)}} hours.',
      model_one:
        '{{count}} signature within {{minutes}} minutes from the same authenticator model and browser build, where about {{expected, number(maximumFractionDigits: 1)}} were expected.',
      model_other:
        '{{count}} signatures within {{minutes}} minutes from the same authenticator model and browser build, where about {{expected, number(maximumFractionDigits: 1)}} were expected.',
    },
    accountWave: {
      none: '{{sharePct, number(maximumFractionDigits: 1)}} % of the signers in the last {{minutes}} minutes had an account or passkey younger than {{hours}} hours (usual share {{baselinePct, number(maximumFractionDigits: 1)}} %).',
      wave: '{{sharePct, number(maximumFractionDigits: 1)}} % of the signers in the last {{minutes}} minutes ({{count}} of {{total}}) were proofed or got their passkey less than {{hours}} hours before signing; the usual share is {{baselinePct, number(maximumFractionDigits: 1)}} %.',
    },
    lockstep: {
      none: 'No group of accounts signing in lockstep.',
      ring_one:
        'This account belongs to a group of {{count}} account that repeatedly signed the same petitions within {{minutes}} minutes of each other (up to {{petitions}} petitions together); {{here}} of them signed this petition alongside it.',
      ring_other:
        'This account belongs to a group of {{count}} accounts that repeatedly signed the same petitions within {{minutes}} minutes of each other (up to {{petitions}} petitions together); {{here}} of them signed this petition alongside it.',
    },
    throttle: {
      none: 'Within the rate limits.',
      address_one: '{{count}} signature on this petition from the same address within {{seconds}} seconds (limit {{limit}}).',
      address_other: '{{count}} signatures on this petition from the same address within {{seconds}} seconds (limit {{limit}}).',
      citizen_one: '{{count}} signature by this account within {{seconds}} seconds (limit {{limit}}).',
      citizen_other: '{{count}} signatures by this account within {{seconds}} seconds (limit {{limit}}).',
    },
  },
  decision: {
    count: 'Counted',
    review: 'Held for review',
  },
  status: {
    counted: 'Counted',
    underReview: 'Under review',
    invalidated: 'Invalidated',
    restored: 'Restored',
  },
  statusHelp: {
    counted: 'Included in the official count.',
    underReview: 'Held out of the official count until a moderator decides. The signer is not told.',
    invalidated: 'Excluded from the official count by a moderator. The decision is logged and can be reversed.',
    restored: 'Returned to the official count by a moderator after review.',
  },
  action: {
    invalidate: 'Invalidate',
    restore: 'Restore',
    keepUnderReview: 'Keep under review',
    invalidateByCriteria: 'Invalidate by criteria',
    cancelBatch: 'Cancel the batch',
  },
  reason: {
    automatedSignals: 'Automated checks (see the explanation)',
    botNetwork: 'Automated signing from one network',
    sharedDevice: 'One device signing for many people',
    accountWave: 'Accounts created to sign this petition',
    lockstepRing: 'Coordinated ring of accounts',
    coercion: 'Signatures collected under pressure (for example, at a workplace)',
    boughtSignatures: 'Bought signatures',
    rateLimits: 'Rate limits exceeded',
    falsePositive: 'False alarm: a legitimate signature',
    confirmedBySigner: 'Confirmed by the signer',
    other: 'Other (explain in the note)',
  },
  moderation: {
    queueHeading: 'Signatures under review',
    heldCount_one: '{{count}} signature held for review',
    heldCount_other: '{{count}} signatures held for review',
    riskScore: 'Risk score',
    contributingSignals: 'Contributing signals',
    evidence: 'Evidence',
    whyHeading: 'Why this signature was flagged',
    noSignals: 'No check was triggered.',
    reasonLabel: 'Reason',
    noteLabel: 'Note for the audit log',
    noteRequired: 'Write a note: every invalidation and restoration is recorded.',
    confirmInvalidate_one: 'Invalidate {{count}} signature? It will be removed from the official count.',
    confirmInvalidate_other: 'Invalidate {{count}} signatures? They will be removed from the official count.',
    confirmRestore_one: 'Restore {{count}} signature to the official count?',
    confirmRestore_other: 'Restore {{count}} signatures to the official count?',
    decidedBy: 'Decided by {{moderator}} on {{date}}',
  },
} as const;

export const integrity = defineArea({
  en,
  ru: {
    signal: {
      velocityBurst: 'Всплеск скорости',
      networkConcentration: 'Концентрация в сети',
      sharedDevice: 'Общее устройство',
      accountWave: 'Волна новых аккаунтов',
      lockstep: 'Синхронное подписание',
      throttle: 'Ограничения частоты',
    },
    signalHelp: {
      velocityBurst:
        'Подписей в минуту намного больше обычного темпа петиции. Всплеск из многих сетей, регионов и от давно созданных аккаунтов считается естественным и не отмечается.',
      networkConcentration:
        'Большая доля подписей под петицией с одного адреса или из одной сети. Для общих (CGNAT) диапазонов мобильных операторов пороги выше.',
      sharedDevice:
        'Одно устройство или одна редкая модель аутентификатора с одним браузером использованы для подписей многих разных граждан.',
      accountWave: 'Много подписавших, чья личность подтверждена или ключ доступа создан незадолго до подписания.',
      lockstep: 'Группа аккаунтов, которые раз за разом подписывают одни и те же петиции с разницей в несколько минут.',
      throttle: 'С одного адреса под одной петицией или с одного аккаунта подписей больше, чем допускают ограничения частоты.',
    },
    explain: {
      summary: {
        review:
          'Отложена на проверку: риск {{scorePct}} % (порог проверки {{thresholdPct}} %). Подпись не учитывается, пока модератор не примет решение.',
        count: 'Учтена: риск {{scorePct}} % (порог проверки {{thresholdPct}} %).',
      },
      groupEvidence: 'Оценена повторно после того, как более поздние подписи той же группы были отложены: приведённые ниже признаки группы относятся и к этой подписи.',
      velocityBurst: {
        none_one: '{{count}} подпись за последние {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}): всплеска нет.',
        none_few: '{{count}} подписи за последние {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}): всплеска нет.',
        none_many: '{{count}} подписей за последние {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}): всплеска нет.',
        none_other: '{{count}} подписи за последние {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}): всплеска нет.',
        organic_one:
          '{{count}} подпись за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}): всплеск, но из многих сетей и регионов и от давно созданных аккаунтов.',
        organic_few:
          '{{count}} подписи за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}): всплеск, но из многих сетей и регионов и от давно созданных аккаунтов.',
        organic_many:
          '{{count}} подписей за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}): всплеск, но из многих сетей и регионов и от давно созданных аккаунтов.',
        organic_other:
          '{{count}} подписи за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}): всплеск, но из многих сетей и регионов и от давно созданных аккаунтов.',
        networks_one:
          '{{count}} подпись за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}); число разных сетей: {{distinctNetworks}}.',
        networks_few:
          '{{count}} подписи за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}); число разных сетей: {{distinctNetworks}}.',
        networks_many:
          '{{count}} подписей за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}); число разных сетей: {{distinctNetworks}}.',
        networks_other:
          '{{count}} подписи за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}); число разных сетей: {{distinctNetworks}}.',
        youngAccounts_one:
          '{{count}} подпись за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}); медианный возраст аккаунтов — {{medianAgeDays, number(maximumFractionDigits: 1)}} сут.',
        youngAccounts_few:
          '{{count}} подписи за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}); медианный возраст аккаунтов — {{medianAgeDays, number(maximumFractionDigits: 1)}} сут.',
        youngAccounts_many:
          '{{count}} подписей за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}); медианный возраст аккаунтов — {{medianAgeDays, number(maximumFractionDigits: 1)}} сут.',
        youngAccounts_other:
          '{{count}} подписи за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}); медианный возраст аккаунтов — {{medianAgeDays, number(maximumFractionDigits: 1)}} сут.',
        regions_one:
          '{{count}} подпись за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}), причём из гораздо меньшего числа регионов, чем прежние подписи под петицией.',
        regions_few:
          '{{count}} подписи за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}), причём из гораздо меньшего числа регионов, чем прежние подписи под петицией.',
        regions_many:
          '{{count}} подписей за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}), причём из гораздо меньшего числа регионов, чем прежние подписи под петицией.',
        regions_other:
          '{{count}} подписи за {{minutes}} мин (ожидалось около {{expected, number(maximumFractionDigits: 1)}}), причём из гораздо меньшего числа регионов, чем прежние подписи под петицией.',
      },
      networkConcentration: {
        noAddress: 'Не удалось прочитать сетевой адрес этой подписи.',
        none: 'Среди недавних подписей под петицией ни один адрес и ни одна сеть не выделяются.',
        prefix_one:
          '{{count}} подпись за {{minutes}} мин из сети {{network}} — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        prefix_few:
          '{{count}} подписи за {{minutes}} мин из сети {{network}} — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        prefix_many:
          '{{count}} подписей за {{minutes}} мин из сети {{network}} — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        prefix_other:
          '{{count}} подписи за {{minutes}} мин из сети {{network}} — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        prefixShared_one:
          '{{count}} подпись за {{minutes}} мин из сети мобильного оператора {{network}} (общие адреса, применены повышенные пороги) — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        prefixShared_few:
          '{{count}} подписи за {{minutes}} мин из сети мобильного оператора {{network}} (общие адреса, применены повышенные пороги) — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        prefixShared_many:
          '{{count}} подписей за {{minutes}} мин из сети мобильного оператора {{network}} (общие адреса, применены повышенные пороги) — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        prefixShared_other:
          '{{count}} подписи за {{minutes}} мин из сети мобильного оператора {{network}} (общие адреса, применены повышенные пороги) — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        ip_one:
          '{{count}} подпись за {{minutes}} мин с одного адреса в сети {{network}} — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        ip_few:
          '{{count}} подписи за {{minutes}} мин с одного адреса в сети {{network}} — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        ip_many:
          '{{count}} подписей за {{minutes}} мин с одного адреса в сети {{network}} — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        ip_other:
          '{{count}} подписи за {{minutes}} мин с одного адреса в сети {{network}} — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        ipShared_one:
          '{{count}} подпись за {{minutes}} мин с одного общего адреса мобильного оператора в сети {{network}} (применены повышенные пороги) — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        ipShared_few:
          '{{count}} подписи за {{minutes}} мин с одного общего адреса мобильного оператора в сети {{network}} (применены повышенные пороги) — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        ipShared_many:
          '{{count}} подписей за {{minutes}} мин с одного общего адреса мобильного оператора в сети {{network}} (применены повышенные пороги) — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
        ipShared_other:
          '{{count}} подписи за {{minutes}} мин с одного общего адреса мобильного оператора в сети {{network}} (применены повышенные пороги) — {{sharePct, number(maximumFractionDigits: 1)}} % подписей под этой петицией за это время.',
      },
      sharedDevice: {
        none: 'Ни одно устройство не использовалось большим числом граждан, чем бывает в одной семье.',
        device_one: 'Одно устройство использовано для подписей от имени {{count}} гражданина за {{hours, number(maximumFractionDigits: 1)}} ч.',
        device_few: 'Одно устройство использовано для подписей от имени {{count}} разных граждан за {{hours, number(maximumFractionDigits: 1)}} ч.',
        device_many: 'Одно устройство использовано для подписей от имени {{count}} разных граждан за {{hours, number(maximumFractionDigits: 1)}} ч.',
        device_other: 'Одно устройство использовано для подписей от имени {{count}} гражданина за {{hours, number(maximumFractionDigits: 1)}} ч.',
        model_one:
          '{{count}} подпись за {{minutes}} мин с одной и той же модели аутентификатора и сборки браузера (ожидалось около {{expected, number(maximumFractionDigits: 1)}}).',
        model_few:
          '{{count}} подписи за {{minutes}} мин с одной и той же модели аутентификатора и сборки браузера (ожидалось около {{expected, number(maximumFractionDigits: 1)}}).',
        model_many:
          '{{count}} подписей за {{minutes}} мин с одной и той же модели аутентификатора и сборки браузера (ожидалось около {{expected, number(maximumFractionDigits: 1)}}).',
        model_other:
          '{{count}} подписи за {{minutes}} мин с одной и той же модели аутентификатора и сборки браузера (ожидалось около {{expected, number(maximumFractionDigits: 1)}}).',
      },
      accountWave: {
        none: 'У {{sharePct, number(maximumFractionDigits: 1)}} % подписавших за последние {{minutes}} мин аккаунт или ключ доступа моложе {{hours}} ч (обычная доля — {{baselinePct, number(maximumFractionDigits: 1)}} %).',
        wave: '{{sharePct, number(maximumFractionDigits: 1)}} % подписавших за последние {{minutes}} мин ({{count}} из {{total}}) прошли подтверждение личности или получили ключ доступа менее чем за {{hours}} ч до подписания; обычная доля — {{baselinePct, number(maximumFractionDigits: 1)}} %.',
      },
      lockstep: {
        none: 'Групп аккаунтов, подписывающих синхронно, нет.',
        ring_one:
          'Аккаунт входит в группу из {{count}} аккаунта, которые раз за разом подписывали одни и те же петиции с разницей не более {{minutes}} мин (до {{petitions}} общих петиций); под этой петицией вместе с ним подписались участники группы: {{here}}.',
        ring_few:
          'Аккаунт входит в группу из {{count}} аккаунтов, которые раз за разом подписывали одни и те же петиции с разницей не более {{minutes}} мин (до {{petitions}} общих петиций); под этой петицией вместе с ним подписались участники группы: {{here}}.',
        ring_many:
          'Аккаунт входит в группу из {{count}} аккаунтов, которые раз за разом подписывали одни и те же петиции с разницей не более {{minutes}} мин (до {{petitions}} общих петиций); под этой петицией вместе с ним подписались участники группы: {{here}}.',
        ring_other:
          'Аккаунт входит в группу из {{count}} аккаунта, которые раз за разом подписывали одни и те же петиции с разницей не более {{minutes}} мин (до {{petitions}} общих петиций); под этой петицией вместе с ним подписались участники группы: {{here}}.',
      },
      throttle: {
        none: 'Ограничения частоты не превышены.',
        address_one: '{{count}} подпись под этой петицией с одного адреса за {{seconds}} с (допустимо {{limit}}).',
        address_few: '{{count}} подписи под этой петицией с одного адреса за {{seconds}} с (допустимо {{limit}}).',
        address_many: '{{count}} подписей под этой петицией с одного адреса за {{seconds}} с (допустимо {{limit}}).',
        address_other: '{{count}} подписи под этой петицией с одного адреса за {{seconds}} с (допустимо {{limit}}).',
        citizen_one: '{{count}} подпись с этого аккаунта за {{seconds}} с (допустимо {{limit}}).',
        citizen_few: '{{count}} подписи с этого аккаунта за {{seconds}} с (допустимо {{limit}}).',
        citizen_many: '{{count}} подписей с этого аккаунта за {{seconds}} с (допустимо {{limit}}).',
        citizen_other: '{{count}} подписи с этого аккаунта за {{seconds}} с (допустимо {{limit}}).',
      },
    },
    decision: {
      count: 'Учтена',
      review: 'Отложена на проверку',
    },
    status: {
      counted: 'Учтена',
      underReview: 'На проверке',
      invalidated: 'Признана недействительной',
      restored: 'Восстановлена',
    },
    statusHelp: {
      counted: 'Входит в официальный подсчёт.',
      underReview: 'Не входит в официальный подсчёт, пока модератор не примет решение. Подписавшему об этом не сообщается.',
      invalidated: 'Исключена модератором из официального подсчёта. Решение записано в журнал, его можно отменить.',
      restored: 'Возвращена модератором в официальный подсчёт после проверки.',
    },
    action: {
      invalidate: 'Признать недействительной',
      restore: 'Восстановить',
      keepUnderReview: 'Оставить на проверке',
      invalidateByCriteria: 'Признать недействительными по критериям',
      cancelBatch: 'Отменить пакет',
    },
    reason: {
      automatedSignals: 'Автоматические проверки (см. пояснение)',
      botNetwork: 'Автоматическое подписание из одной сети',
      sharedDevice: 'Одно устройство для подписей многих людей',
      accountWave: 'Аккаунты, созданные ради подписи под этой петицией',
      lockstepRing: 'Согласованная группа аккаунтов',
      coercion: 'Подписи собраны под давлением (например, на работе)',
      boughtSignatures: 'Купленные подписи',
      rateLimits: 'Превышены ограничения частоты',
      falsePositive: 'Ложная тревога: подпись законна',
      confirmedBySigner: 'Подтверждена подписавшим',
      other: 'Другое (поясните в примечании)',
    },
    moderation: {
      queueHeading: 'Подписи на проверке',
      heldCount_one: '{{count}} подпись отложена на проверку',
      heldCount_few: '{{count}} подписи отложены на проверку',
      heldCount_many: '{{count}} подписей отложено на проверку',
      heldCount_other: '{{count}} подписи отложено на проверку',
      riskScore: 'Оценка риска',
      contributingSignals: 'Сработавшие проверки',
      evidence: 'Данные',
      whyHeading: 'Почему подпись отмечена',
      noSignals: 'Ни одна проверка не сработала.',
      reasonLabel: 'Причина',
      noteLabel: 'Примечание для журнала аудита',
      noteRequired: 'Напишите примечание: каждое признание недействительной и каждое восстановление записывается.',
      confirmInvalidate_one: 'Признать недействительной {{count}} подпись? Она будет исключена из официального подсчёта.',
      confirmInvalidate_few: 'Признать недействительными {{count}} подписи? Они будут исключены из официального подсчёта.',
      confirmInvalidate_many: 'Признать недействительными {{count}} подписей? Они будут исключены из официального подсчёта.',
      confirmInvalidate_other: 'Признать недействительными {{count}} подписи? Они будут исключены из официального подсчёта.',
      confirmRestore_one: 'Вернуть {{count}} подпись в официальный подсчёт?',
      confirmRestore_few: 'Вернуть {{count}} подписи в официальный подсчёт?',
      confirmRestore_many: 'Вернуть {{count}} подписей в официальный подсчёт?',
      confirmRestore_other: 'Вернуть {{count}} подписи в официальный подсчёт?',
      decidedBy: 'Решение: {{moderator}}, {{date}}',
    },
  },
  kk: {
    signal: {
      velocityBurst: 'Жылдамдықтың күрт өсуі',
      networkConcentration: 'Бір желіден шоғырлану',
      sharedDevice: 'Ортақ құрылғы',
      accountWave: 'Жаңа аккаунттар толқыны',
      lockstep: 'Келісілген бірлескен қол қою',
      throttle: 'Жиілік шектеулері',
    },
    signalHelp: {
      velocityBurst:
        'Минутына қол қою саны петицияның әдеттегі қарқынынан әлдеқайда көп. Көптеген желіден, өңірден және бұрыннан бар аккаунттардан келген өсу табиғи саналады және белгіленбейді.',
      networkConcentration:
        'Петиция қолтаңбаларының едәуір бөлігі бір мекенжайдан немесе бір желіден келген. Ұялы байланыс операторларының ортақ (CGNAT) ауқымдары үшін шектер жоғарырақ.',
      sharedDevice:
        'Бір құрылғы немесе сирек кездесетін бір аутентификатор моделі мен бір браузер көптеген әртүрлі азаматтың атынан қол қоюға пайдаланылған.',
      accountWave: 'Жеке басы расталған немесе кіру кілті қол қоюдан сәл бұрын жасалған қол қоюшылар көп.',
      lockstep: 'Бір топ аккаунт бір петицияларға бірнеше минут айырмамен қайта-қайта қол қояды.',
      throttle: 'Бір мекенжайдан бір петицияға немесе бір аккаунттан жиілік шектеулері рұқсат еткеннен көп қол қойылған.',
    },
    explain: {
      summary: {
        review:
          'Тексеруге қалдырылды: тәуекел {{scorePct}} % (тексеру шегі {{thresholdPct}} %). Модератор шешім қабылдағанға дейін қолтаңба есепке алынбайды.',
        count: 'Есепке алынды: тәуекел {{scorePct}} % (тексеру шегі {{thresholdPct}} %).',
      },
      groupEvidence: 'Сол топтың кейінгі қолтаңбалары тексеруге қалдырылғаннан кейін қайта бағаланды: төмендегі топ белгілері осы қолтаңбаға да қатысты.',
      velocityBurst: {
        none_one: 'Соңғы {{minutes}} минутта {{count}} қолтаңба, шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген: күрт өсу жоқ.',
        none_other: 'Соңғы {{minutes}} минутта {{count}} қолтаңба, шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген: күрт өсу жоқ.',
        organic_one:
          '{{minutes}} минутта {{count}} қолтаңба, ал шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген: өсу бар, бірақ көптеген желіден, өңірден және бұрыннан бар аккаунттардан.',
        organic_other:
          '{{minutes}} минутта {{count}} қолтаңба, ал шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген: өсу бар, бірақ көптеген желіден, өңірден және бұрыннан бар аккаунттардан.',
        networks_one:
          '{{minutes}} минутта {{count}} қолтаңба, ал шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген; барлығы небәрі {{distinctNetworks}} түрлі желіден.',
        networks_other:
          '{{minutes}} минутта {{count}} қолтаңба, ал шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген; барлығы небәрі {{distinctNetworks}} түрлі желіден.',
        youngAccounts_one:
          '{{minutes}} минутта {{count}} қолтаңба, ал шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген; аккаунттардың медианалық жасы {{medianAgeDays, number(maximumFractionDigits: 1)}} күн.',
        youngAccounts_other:
          '{{minutes}} минутта {{count}} қолтаңба, ал шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген; аккаунттардың медианалық жасы {{medianAgeDays, number(maximumFractionDigits: 1)}} күн.',
        regions_one:
          '{{minutes}} минутта {{count}} қолтаңба, ал шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген; петицияның бұрынғы қолтаңбаларымен салыстырғанда өңірлер саны әлдеқайда аз.',
        regions_other:
          '{{minutes}} минутта {{count}} қолтаңба, ал шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген; петицияның бұрынғы қолтаңбаларымен салыстырғанда өңірлер саны әлдеқайда аз.',
      },
      networkConcentration: {
        noAddress: 'Бұл қолтаңбаның желілік мекенжайын оқу мүмкін болмады.',
        none: 'Петицияның соңғы қолтаңбалары арасында ерекшеленетін мекенжай да, желі де жоқ.',
        prefix_one:
          '{{network}} желісінен {{minutes}} минутта {{count}} қолтаңба — осы аралықтағы петиция қолтаңбаларының {{sharePct, number(maximumFractionDigits: 1)}} пайызы.',
        prefix_other:
          '{{network}} желісінен {{minutes}} минутта {{count}} қолтаңба — осы аралықтағы петиция қолтаңбаларының {{sharePct, number(maximumFractionDigits: 1)}} пайызы.',
        prefixShared_one:
          'Ұялы байланыс операторының {{network}} желісінен (ортақ мекенжайлар, жоғары шектер қолданылды) {{minutes}} минутта {{count}} қолтаңба — осы аралықтағы петиция қолтаңбаларының {{sharePct, number(maximumFractionDigits: 1)}} пайызы.',
        prefixShared_other:
          'Ұялы байланыс операторының {{network}} желісінен (ортақ мекенжайлар, жоғары шектер қолданылды) {{minutes}} минутта {{count}} қолтаңба — осы аралықтағы петиция қолтаңбаларының {{sharePct, number(maximumFractionDigits: 1)}} пайызы.',
        ip_one:
          '{{network}} желісіндегі бір мекенжайдан {{minutes}} минутта {{count}} қолтаңба — осы аралықтағы петиция қолтаңбаларының {{sharePct, number(maximumFractionDigits: 1)}} пайызы.',
        ip_other:
          '{{network}} желісіндегі бір мекенжайдан {{minutes}} минутта {{count}} қолтаңба — осы аралықтағы петиция қолтаңбаларының {{sharePct, number(maximumFractionDigits: 1)}} пайызы.',
        ipShared_one:
          'Ұялы байланыс операторының {{network}} желісіндегі бір ортақ мекенжайдан (жоғары шектер қолданылды) {{minutes}} минутта {{count}} қолтаңба — осы аралықтағы петиция қолтаңбаларының {{sharePct, number(maximumFractionDigits: 1)}} пайызы.',
        ipShared_other:
          'Ұялы байланыс операторының {{network}} желісіндегі бір ортақ мекенжайдан (жоғары шектер қолданылды) {{minutes}} минутта {{count}} қолтаңба — осы аралықтағы петиция қолтаңбаларының {{sharePct, number(maximumFractionDigits: 1)}} пайызы.',
      },
      sharedDevice: {
        none: 'Бірде-бір құрылғы бір отбасындағыдан көп азаматқа пайдаланылмаған.',
        device_one: 'Бір құрылғыдан {{hours, number(maximumFractionDigits: 1)}} сағат ішінде {{count}} түрлі азамат атынан қол қойылған.',
        device_other: 'Бір құрылғыдан {{hours, number(maximumFractionDigits: 1)}} сағат ішінде {{count}} түрлі азамат атынан қол қойылған.',
        model_one:
          '{{minutes}} минут ішінде аутентификатордың бір моделі мен браузердің бір нұсқасынан {{count}} қолтаңба, ал шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген.',
        model_other:
          '{{minutes}} минут ішінде аутентификатордың бір моделі мен браузердің бір нұсқасынан {{count}} қолтаңба, ал шамамен {{expected, number(maximumFractionDigits: 1)}} күтілген.',
      },
      accountWave: {
        none: 'Соңғы {{minutes}} минутта қол қойғандардың {{sharePct, number(maximumFractionDigits: 1)}} пайызының аккаунты немесе кіру кілті {{hours}} сағаттан жас (әдеттегі үлес — {{baselinePct, number(maximumFractionDigits: 1)}} %).',
        wave: 'Соңғы {{minutes}} минутта қол қойғандардың {{sharePct, number(maximumFractionDigits: 1)}} пайызы ({{total}} ішінен {{count}}) қол қоюдан {{hours}} сағаттан аз бұрын жеке басын растаған немесе кіру кілтін алған; әдеттегі үлес — {{baselinePct, number(maximumFractionDigits: 1)}} %.',
      },
      lockstep: {
        none: 'Бір мезгілде қол қоятын аккаунттар тобы жоқ.',
        ring_one:
          'Бұл аккаунт бір петицияларға бір-бірінен {{minutes}} минуттан аспайтын айырмамен қайта-қайта қол қойған {{count}} аккаунттан тұратын топқа кіреді (бірге қол қойған петициялар саны — ең көбі {{petitions}}); осы петицияға онымен бірге топтың {{here}} мүшесі қол қойған.',
        ring_other:
          'Бұл аккаунт бір петицияларға бір-бірінен {{minutes}} минуттан аспайтын айырмамен қайта-қайта қол қойған {{count}} аккаунттан тұратын топқа кіреді (бірге қол қойған петициялар саны — ең көбі {{petitions}}); осы петицияға онымен бірге топтың {{here}} мүшесі қол қойған.',
      },
      throttle: {
        none: 'Жиілік шектеулері асырылмаған.',
        address_one: 'Бір мекенжайдан {{seconds}} секунд ішінде осы петицияға {{count}} қолтаңба (рұқсат етілгені {{limit}}).',
        address_other: 'Бір мекенжайдан {{seconds}} секунд ішінде осы петицияға {{count}} қолтаңба (рұқсат етілгені {{limit}}).',
        citizen_one: 'Осы аккаунттан {{seconds}} секунд ішінде {{count}} қолтаңба (рұқсат етілгені {{limit}}).',
        citizen_other: 'Осы аккаунттан {{seconds}} секунд ішінде {{count}} қолтаңба (рұқсат етілгені {{limit}}).',
      },
    },
    decision: {
      count: 'Есепке алынды',
      review: 'Тексеруге қалдырылды',
    },
    status: {
      counted: 'Есепке алынған',
      underReview: 'Тексеруде',
      invalidated: 'Жарамсыз деп танылған',
      restored: 'Қалпына келтірілген',
    },
    statusHelp: {
      counted: 'Ресми есепке кіреді.',
      underReview: 'Модератор шешім қабылдағанға дейін ресми есепке кірмейді. Қол қоюшыға бұл туралы хабарланбайды.',
      invalidated: 'Модератор ресми есептен шығарған. Шешім журналға жазылған, оны қайтаруға болады.',
      restored: 'Тексерістен кейін модератор ресми есепке қайтарған.',
    },
    action: {
      invalidate: 'Жарамсыз деп тану',
      restore: 'Қалпына келтіру',
      keepUnderReview: 'Тексеруде қалдыру',
      invalidateByCriteria: 'Өлшемдер бойынша жарамсыз деп тану',
      cancelBatch: 'Топтаманы тоқтату',
    },
    reason: {
      automatedSignals: 'Автоматты тексерулер (түсіндірмені қараңыз)',
      botNetwork: 'Бір желіден автоматты түрде қол қою',
      sharedDevice: 'Көп адам үшін бір құрылғыдан қол қою',
      accountWave: 'Осы петицияға қол қою үшін жасалған аккаунттар',
      lockstepRing: 'Келісіп әрекет ететін аккаунттар тобы',
      coercion: 'Қолтаңбалар қысыммен жиналған (мысалы, жұмыс орнында)',
      boughtSignatures: 'Сатып алынған қолтаңбалар',
      rateLimits: 'Жиілік шектеулері асырылған',
      falsePositive: 'Жалған дабыл: қолтаңба заңды',
      confirmedBySigner: 'Қол қоюшы растады',
      other: 'Басқа (ескертпеде түсіндіріңіз)',
    },
    moderation: {
      queueHeading: 'Тексерудегі қолтаңбалар',
      heldCount_one: 'Тексеруге {{count}} қолтаңба қалдырылды',
      heldCount_other: 'Тексеруге {{count}} қолтаңба қалдырылды',
      riskScore: 'Тәуекел бағасы',
      contributingSignals: 'Іске қосылған тексерулер',
      evidence: 'Деректер',
      whyHeading: 'Қолтаңба неліктен белгіленді',
      noSignals: 'Бірде-бір тексеру іске қосылмады.',
      reasonLabel: 'Себебі',
      noteLabel: 'Аудит журналына арналған ескертпе',
      noteRequired: 'Ескертпе жазыңыз: жарамсыз деп танудың және қалпына келтірудің әрқайсысы тіркеледі.',
      confirmInvalidate_one: '{{count}} қолтаңбаны жарамсыз деп тану керек пе? Ол ресми есептен шығарылады.',
      confirmInvalidate_other: '{{count}} қолтаңбаны жарамсыз деп тану керек пе? Олар ресми есептен шығарылады.',
      confirmRestore_one: '{{count}} қолтаңбаны ресми есепке қайтару керек пе?',
      confirmRestore_other: '{{count}} қолтаңбаны ресми есепке қайтару керек пе?',
      decidedBy: 'Шешім қабылдаған: {{moderator}}, {{date}}',
    },
  },
});
