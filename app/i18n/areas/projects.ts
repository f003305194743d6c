import { defineArea } from './define';

// Strings of the national-projects area: the suggested links between a petition and the national
// projects it concerns (app/domain/projects/linking), shown to moderators and on the petition page.
const en = {
  linking: {
    heading: 'National projects',
    suggestedHeading: 'Suggested national projects',
    suggestedLink: 'Suggested link',
    linkedHeading: 'Linked national projects',
    automaticNote:
      'Suggested automatically from the words of the petition. A moderator confirms or rejects each suggestion; nothing is linked until then.',
    score: 'Match score',
    scoreHint: 'How strongly the petition’s words match the project’s keywords, from 0 to 100. It is not a probability.',
    matchedTerms: 'Matched words',
    matchedTerm: '“{{words}}” matches “{{term}}”',
    similarWord: 'similar word',
    matchedCount_one: '{{count}} matched word',
    matchedCount_other: '{{count}} matched words',
    source: {
      lexicon: 'project keywords',
      name: 'project name',
      summary: 'project summary',
      indicator: 'key indicator',
      example: 'earlier confirmed petition',
    },
    confirm: 'Confirm link',
    reject: 'Reject',
    confirmed: 'Link confirmed',
    rejected: 'Suggestion rejected',
    undo: 'Undo',
    noSuggestion: 'No national project matches this petition.',
    closedProject: 'Closed project',
    saveFailed: 'The decision could not be saved. Please try again.',
  },
} as const;

const ru = {
  linking: {
    heading: 'Национальные проекты',
    suggestedHeading: 'Предлагаемые национальные проекты',
    suggestedLink: 'Предлагаемая связь',
    linkedHeading: 'Связанные национальные проекты',
    automaticNote:
      'Предложено автоматически по словам петиции. Модератор подтверждает или отклоняет каждое предложение; до этого связь не устанавливается.',
    score: 'Степень совпадения',
    scoreHint: 'Насколько слова петиции совпадают с ключевыми словами проекта, от 0 до 100. Это не вероятность.',
    matchedTerms: 'Совпавшие слова',
    matchedTerm: '«{{words}}» совпадает с «{{term}}»',
    similarWord: 'похожее слово',
    matchedCount_one: '{{count}} совпавшее слово',
    matchedCount_few: '{{count}} совпавших слова',
    matchedCount_many: '{{count}} совпавших слов',
    matchedCount_other: '{{count}} совпавшего слова',
    source: {
      lexicon: 'ключевые слова проекта',
      name: 'название проекта',
      summary: 'описание проекта',
      indicator: 'ключевой показатель',
      example: 'ранее подтверждённая петиция',
    },
    confirm: 'Подтвердить связь',
    reject: 'Отклонить',
    confirmed: 'Связь подтверждена',
    rejected: 'Предложение отклонено',
    undo: 'Отменить',
    noSuggestion: 'Ни один национальный проект не подходит к этой петиции.',
    closedProject: 'Закрытый проект',
    saveFailed: 'Не удалось сохранить решение. Попробуйте ещё раз.',
  },
};

const kk = {
  linking: {
    heading: 'Ұлттық жобалар',
    suggestedHeading: 'Ұсынылған ұлттық жобалар',
    suggestedLink: 'Ұсынылған байланыс',
    linkedHeading: 'Байланыстырылған ұлттық жобалар',
    automaticNote:
      'Петиция мәтініндегі сөздер бойынша автоматты түрде ұсынылды. Әр ұсынысты модератор растайды немесе қабылдамайды; оған дейін байланыс орнатылмайды.',
    score: 'Сәйкестік деңгейі',
    scoreHint: 'Петиция сөздерінің жобаның кілт сөздеріне қаншалықты сәйкес келетіні, 0-ден 100-ге дейін. Бұл ықтималдық емес.',
    matchedTerms: 'Сәйкес келген сөздер',
    matchedTerm: '«{{words}}» сөзі «{{term}}» сөзіне сәйкес келеді',
    similarWord: 'ұқсас сөз',
    matchedCount_one: '{{count}} сөз сәйкес келді',
    matchedCount_other: '{{count}} сөз сәйкес келді',
    source: {
      lexicon: 'жобаның кілт сөздері',
      name: 'жобаның атауы',
      summary: 'жобаның сипаттамасы',
      indicator: 'негізгі көрсеткіш',
      example: 'бұрын расталған петиция',
    },
    confirm: 'Байланысты растау',
    reject: 'Қабылдамау',
    confirmed: 'Байланыс расталды',
    rejected: 'Ұсыныс қабылданбады',
    undo: 'Болдырмау',
    noSuggestion: 'Бұл петицияға сәйкес келетін ұлттық жоба жоқ.',
    closedProject: 'Жабылған жоба',
    saveFailed: 'Шешімді сақтау мүмкін болмады. Қайталап көріңіз.',
  },
};

export const projects = defineArea({ en, ru, kk });
