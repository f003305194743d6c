import { defineArea } from './define';

/**
 * Strings of the open-data API (/api/v1): the titles and details of problem responses (RFC 9457)
 * and the message of each parameter error. The error keys are the stable `code` values that the
 * API returns next to the message (app/domain/opendata/params.ts, PARAM_ERROR_CODES).
 */
const en = {
  problem: {
    invalidParameters: {
      title: 'Invalid query parameters',
      detail: 'Some query parameters are not valid; each one is listed in "errors".',
    },
    notFound: {
      title: 'Petition not found',
      detail: 'There is no public petition with this id or number.',
    },
    methodNotAllowed: {
      title: 'Method not allowed',
      detail: 'The open data can only be read: use GET or HEAD.',
    },
  },
  error: {
    'unknown-parameter': 'This parameter is not supported.',
    'repeated-parameter': 'Give this parameter only once.',
    'not-an-integer': 'Must be a whole number.',
    'out-of-range': 'Must be from {{min}} to {{max}}.',
    'not-allowed': 'Allowed values: {{allowed}}.',
    'invalid-kato': 'Must be a 9-digit KATO code.',
    'unknown-region': 'No region or city of republican significance has this KATO code.',
    'unknown-addressee': 'Must be government, ministry, akimat, maslikhat or the code of a ministry.',
    'invalid-date': 'Must be a date (YYYY-MM-DD) or a date and time with a time zone (RFC 3339).',
    'empty-range': 'Must be later than opened_after.',
    'invalid-length': 'Must be {{min}} to {{max}} characters long.',
  },
} as const;

const ru = {
  problem: {
    invalidParameters: {
      title: 'Неверные параметры запроса',
      detail: 'Некоторые параметры запроса заданы неверно; каждый из них указан в списке «errors».',
    },
    notFound: {
      title: 'Петиция не найдена',
      detail: 'Публичной петиции с таким идентификатором или номером нет.',
    },
    methodNotAllowed: {
      title: 'Метод не поддерживается',
      detail: 'Открытые данные доступны только для чтения: используйте GET или HEAD.',
    },
  },
  error: {
    'unknown-parameter': 'Такой параметр не поддерживается.',
    'repeated-parameter': 'Укажите этот параметр только один раз.',
    'not-an-integer': 'Значение должно быть целым числом.',
    'out-of-range': 'Допустимый диапазон: {{min}}–{{max}}.',
    'not-allowed': 'Допустимые значения: {{allowed}}.',
    'invalid-kato': 'Нужен 9-значный код КАТО.',
    'unknown-region': 'Области или города республиканского значения с таким кодом КАТО нет.',
    'unknown-addressee': 'Укажите government, ministry, akimat, maslikhat или код министерства.',
    'invalid-date': 'Нужна дата (ГГГГ-ММ-ДД) или дата и время с часовым поясом (RFC 3339).',
    'empty-range': 'Значение должно быть позже, чем opened_after.',
    'invalid-length': 'Длина должна быть от {{min}} до {{max}} символов.',
  },
};

const kk = {
  problem: {
    invalidParameters: {
      title: 'Сұрау параметрлері қате',
      detail: 'Сұраудың кейбір параметрлері қате берілген; олардың әрқайсысы «errors» тізімінде көрсетілген.',
    },
    notFound: {
      title: 'Петиция табылмады',
      detail: 'Мұндай идентификаторы немесе нөмірі бар жария петиция жоқ.',
    },
    methodNotAllowed: {
      title: 'Бұл әдіске рұқсат етілмейді',
      detail: 'Ашық деректерді тек оқуға болады: GET немесе HEAD әдісін пайдаланыңыз.',
    },
  },
  error: {
    'unknown-parameter': 'Мұндай параметрге қолдау көрсетілмейді.',
    'repeated-parameter': 'Бұл параметрді тек бір рет көрсетіңіз.',
    'not-an-integer': 'Мәні бүтін сан болуы керек.',
    'out-of-range': 'Рұқсат етілген аралық: {{min}}–{{max}}.',
    'not-allowed': 'Рұқсат етілген мәндер: {{allowed}}.',
    'invalid-kato': '9 таңбалы ӘАОЖ (КАТО) коды болуы керек.',
    'unknown-region': 'Мұндай ӘАОЖ (КАТО) коды бар облыс немесе республикалық маңызы бар қала жоқ.',
    'unknown-addressee': 'government, ministry, akimat, maslikhat мәндерінің бірін немесе министрліктің кодын көрсетіңіз.',
    'invalid-date': 'Күн (ЖЖЖЖ-АА-КК) немесе уақыт белдеуі көрсетілген күн мен уақыт (RFC 3339) болуы керек.',
    'empty-range': 'Мәні opened_after мәнінен кейін болуы керек.',
    'invalid-length': 'Ұзындығы {{min}}–{{max}} таңба болуы керек.',
  },
};

export const opendata = defineArea({ en, ru, kk });
