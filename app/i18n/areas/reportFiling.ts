import { defineArea } from './define';

/**
 * The citizen's side of local issue reports: the filing form, the receipt, "my reports" and the
 * follow-up actions; status and decision names (also used by the report notifications).
 */
export const reportFiling = defineArea({
  en: {
    status: {
      registered: 'Registered',
      assigned: 'Sent to the akimat',
      'in-progress': 'In progress',
      'info-requested': 'Information requested',
      answered: 'Answered',
      fixed: 'Marked as fixed',
      reopened: 'Reopened',
      closed: 'Closed',
      'closed-confirmed': 'Fixed, confirmed',
      'closed-unconfirmed': 'Closed without confirmation',
      merged: 'Merged with another report',
    },
    errors: {
      notProofed: 'Only citizens whose identity is confirmed can file reports. Confirm your identity first.',
      unknownUnit: 'Choose a region and a district from the list.',
      addressRequired: 'Type the address or describe the place (at least {{min}} characters).',
      addressTooLong: 'The address is too long: at most {{max}} characters.',
      descriptionTooShort: 'Describe the problem in at least {{min}} characters.',
      descriptionTooLong: 'The description is too long: at most {{max}} characters.',
      tooManyPhotos: 'You can attach at most {{max}} photos.',
    },
    decision: {
      resolved: 'resolved',
      'partially-resolved': 'partially resolved',
      refused: 'refused',
      explained: 'explained',
      planned: 'planned',
    },
  } as const,
  ru: {
    status: {
      registered: 'Зарегистрировано',
      assigned: 'Направлено в акимат',
      'in-progress': 'В работе',
      'info-requested': 'Запрошены сведения',
      answered: 'Дан ответ',
      fixed: 'Отмечено как устранённое',
      reopened: 'Открыто повторно',
      closed: 'Закрыто',
      'closed-confirmed': 'Устранено, подтверждено',
      'closed-unconfirmed': 'Закрыто без подтверждения',
      merged: 'Объединено с другим обращением',
    },
    errors: {
      notProofed: 'Подавать обращения могут только граждане с подтверждённой личностью. Сначала подтвердите личность.',
      unknownUnit: 'Выберите область и район из списка.',
      addressRequired: 'Укажите адрес или опишите место (не менее {{min}} символов).',
      addressTooLong: 'Адрес слишком длинный: не более {{max}} символов.',
      descriptionTooShort: 'Опишите проблему не менее чем в {{min}} символах.',
      descriptionTooLong: 'Описание слишком длинное: не более {{max}} символов.',
      tooManyPhotos: 'Можно приложить не более {{max}} фотографий.',
    },
    decision: {
      resolved: 'решено',
      'partially-resolved': 'решено частично',
      refused: 'отказано',
      explained: 'дано разъяснение',
      planned: 'запланировано',
    },
  },
  kk: {
    status: {
      registered: 'Тіркелді',
      assigned: 'Әкімдікке жолданды',
      'in-progress': 'Жұмыста',
      'info-requested': 'Мәлімет сұралды',
      answered: 'Жауап берілді',
      fixed: 'Шешілді деп белгіленді',
      reopened: 'Қайта ашылды',
      closed: 'Жабылды',
      'closed-confirmed': 'Шешілді, расталды',
      'closed-unconfirmed': 'Растаусыз жабылды',
      merged: 'Басқа өтінішпен біріктірілді',
    },
    errors: {
      notProofed: 'Өтінішті тек жеке басы расталған азаматтар бере алады. Алдымен жеке басыңызды растаңыз.',
      unknownUnit: 'Тізімнен облыс пен ауданды таңдаңыз.',
      addressRequired: 'Мекенжайды жазыңыз немесе орынды сипаттаңыз (кемінде {{min}} таңба).',
      addressTooLong: 'Мекенжай тым ұзын: ең көбі {{max}} таңба.',
      descriptionTooShort: 'Мәселені кемінде {{min}} таңбамен сипаттаңыз.',
      descriptionTooLong: 'Сипаттама тым ұзын: ең көбі {{max}} таңба.',
      tooManyPhotos: 'Ең көбі {{max}} фотосурет тіркеуге болады.',
    },
    decision: {
      resolved: 'шешілді',
      'partially-resolved': 'ішінара шешілді',
      refused: 'бас тартылды',
      explained: 'түсіндірме берілді',
      planned: 'жоспарланды',
    },
  },
});
