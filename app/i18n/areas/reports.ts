import { defineArea } from './define';

/**
 * Local issue reports: where a report goes and why (routing reasons, rendered from the structured
 * reason by app/domain/routing/explain.ts), refusals of a location or a photo, and nearby
 * duplicates. Place, body and department names come from the database and are inserted as
 * parameters; the sentences are built so that no grammatical case of a name is needed.
 */
export const reports = defineArea({
  en: {
    location: {
      outsideTitle: 'This place is outside Kazakhstan',
      outside:
        'Dauys passes reports to the akimats of Kazakhstan, so the place must be inside the country. Move the marker to the place of the problem or check the coordinates.',
      invalid:
        'These coordinates are not valid. Longitude must be between −180 and 180 degrees and latitude between −90 and 90 degrees.',
      unknownCategory: 'Choose a category from the list.',
      noAkimat:
        'We could not find the akimat responsible for this place, so the report cannot be sent. Please try again later.',
    },
    routing: {
      reason: {
        local:
          'The place is in {{place}}. Reports in the category “{{category}}” are handled here by {{akimat}} ({{department}}).',
        cityWide:
          'The place is in {{place}}. “{{category}}” is a matter for the whole city, so the report goes to {{akimat}} ({{department}}).',
        regionWide:
          'The place is in {{place}}. “{{category}}” is dealt with at the level of the region, so the report goes to {{akimat}} ({{department}}).',
        regionOnly:
          'The place is in {{place}}; its district could not be determined from the boundary data. The report goes to {{akimat}} ({{department}}), which forwards it to the district akimat if needed.',
      },
      note: {
        approximateBoundary:
          'The boundary used to place the report in {{place}} is approximate. If the place belongs to a neighbouring unit, the akimat will forward the report there.',
        boundaryMayBeOutdated:
          'Administrative boundaries here have changed recently (new units: {{units}}). If the place now belongs to one of them, the akimat will forward the report.',
        externalDepartment: '“{{department}}” is not part of the akimat: the akimat forwards the report there.',
        departmentMissing:
          'The akimat has no department “{{department}}” on record, so the report goes to the akimat’s general office.',
      },
    },
    photo: {
      hint: 'JPEG, PNG or WebP, up to {{maxMb}} MB each. Location data and other hidden information are removed from photos before they are published.',
      tooLarge: 'The photo is too large: each file may be at most {{maxMb}} MB.',
      unsupportedType: 'This file is not a photo we can accept. Upload a JPEG, PNG or WebP image.',
      typeMismatch: 'The file’s name or type does not match its contents. Upload the original photo file.',
      corrupt: 'The photo could not be read: the file is damaged or incomplete.',
      tooManyPixels: 'The image resolution is too high: at most {{maxMegapixels}} megapixels.',
    },
    nearby: {
      heading: 'Similar reports nearby',
      lead: 'These open reports in the same category are within {{radius}} m of your place. If one of them describes your problem, join it instead of filing a new report.',
      distance: '{{distance}} m away',
      leadAddress: 'These open reports in the same category and district have an address like yours. If one of them describes your problem, join it instead of filing a new report.',
      address: 'address: {{address}}',
    },
  } as const,
  ru: {
    location: {
      outsideTitle: 'Это место находится за пределами Казахстана',
      outside:
        'Dauys передаёт сообщения в акиматы Казахстана, поэтому место должно находиться на территории страны. Передвиньте метку к месту проблемы или проверьте координаты.',
      invalid:
        'Координаты указаны неверно. Долгота должна быть от −180 до 180 градусов, широта — от −90 до 90 градусов.',
      unknownCategory: 'Выберите категорию из списка.',
      noAkimat:
        'Не удалось найти акимат, ответственный за это место, поэтому сообщение не может быть отправлено. Попробуйте позже.',
    },
    routing: {
      reason: {
        local:
          'Место: {{place}}. Сообщения категории «{{category}}» здесь рассматривает {{akimat}} ({{department}}).',
        cityWide:
          'Место: {{place}}. Вопросы категории «{{category}}» решаются на уровне всего города, поэтому сообщение направляется: {{akimat}} ({{department}}).',
        regionWide:
          'Место: {{place}}. Вопросы категории «{{category}}» решаются на уровне области, поэтому сообщение направляется: {{akimat}} ({{department}}).',
        regionOnly:
          'Место: {{place}}; определить район по данным о границах не удалось. Сообщение направляется: {{akimat}} ({{department}}); при необходимости акимат перешлёт его в акимат района.',
      },
      note: {
        approximateBoundary:
          'Граница, по которой место отнесено к единице «{{place}}», приблизительная. Если место относится к соседней единице, акимат перешлёт сообщение туда.',
        boundaryMayBeOutdated:
          'Административные границы здесь недавно изменились (образованы: {{units}}). Если место теперь относится к одной из этих единиц, акимат перешлёт сообщение.',
        externalDepartment: '«{{department}}» не входит в структуру акимата: акимат перешлёт сообщение туда.',
        departmentMissing:
          'У акимата нет подразделения «{{department}}», поэтому сообщение поступит в его канцелярию.',
      },
    },
    photo: {
      hint: 'JPEG, PNG или WebP, не более {{maxMb}} МБ каждый файл. Перед публикацией из фотографий удаляются геоданные и другая скрытая информация.',
      tooLarge: 'Фотография слишком большая: размер одного файла — не более {{maxMb}} МБ.',
      unsupportedType: 'Этот файл не является фотографией в поддерживаемом формате. Загрузите изображение JPEG, PNG или WebP.',
      typeMismatch: 'Имя или тип файла не соответствуют его содержимому. Загрузите исходный файл фотографии.',
      corrupt: 'Не удалось прочитать фотографию: файл повреждён или загружен не полностью.',
      tooManyPixels: 'Слишком высокое разрешение изображения: не более {{maxMegapixels}} Мп.',
    },
    nearby: {
      heading: 'Похожие сообщения рядом',
      lead: 'Эти открытые сообщения той же категории находятся в радиусе {{radius}} м от выбранного места. Если одно из них описывает вашу проблему, присоединитесь к нему вместо того, чтобы подавать новое.',
      distance: 'в {{distance}} м',
      leadAddress: 'У этих открытых сообщений той же категории в том же районе похожий адрес. Если одно из них описывает вашу проблему, присоединитесь к нему вместо того, чтобы подавать новое.',
      address: 'адрес: {{address}}',
    },
  },
  kk: {
    location: {
      outsideTitle: 'Бұл орын Қазақстан аумағынан тыс жерде',
      outside:
        'Dauys хабарламаларды Қазақстан әкімдіктеріне жібереді, сондықтан орын ел аумағында болуы керек. Белгіні мәселе орналасқан жерге жылжытыңыз немесе координаттарды тексеріңіз.',
      invalid:
        'Координаттар қате көрсетілген. Бойлық −180-нен 180 градусқа дейін, ендік −90-нан 90 градусқа дейін болуы керек.',
      unknownCategory: 'Тізімнен санатты таңдаңыз.',
      noAkimat:
        'Бұл орынға жауапты әкімдік табылмады, сондықтан хабарламаны жіберу мүмкін емес. Кейінірек қайталап көріңіз.',
    },
    routing: {
      reason: {
        local:
          'Орны: {{place}}. Мұнда «{{category}}» санатындағы хабарламаларды қарайтын орган: {{akimat}} ({{department}}).',
        cityWide:
          'Орны: {{place}}. «{{category}}» санатындағы мәселелер бүкіл қала деңгейінде шешіледі, сондықтан хабарлама жіберілетін орган: {{akimat}} ({{department}}).',
        regionWide:
          'Орны: {{place}}. «{{category}}» санатындағы мәселелер облыс деңгейінде шешіледі, сондықтан хабарлама жіберілетін орган: {{akimat}} ({{department}}).',
        regionOnly:
          'Орны: {{place}}; шекара деректері бойынша ауданды анықтау мүмкін болмады. Хабарлама жіберілетін орган: {{akimat}} ({{department}}); қажет болса, әкімдік оны аудан әкімдігіне жолдайды.',
      },
      note: {
        approximateBoundary:
          'Орынды «{{place}}» бірлігіне жатқызған шекара шамамен алынған. Егер орын көршілес бірлікке жатса, әкімдік хабарламаны соған жолдайды.',
        boundaryMayBeOutdated:
          'Мұндағы әкімшілік шекаралар жақында өзгерді (жаңадан құрылғандар: {{units}}). Егер орын енді солардың біріне жатса, әкімдік хабарламаны соған жолдайды.',
        externalDepartment: '«{{department}}» әкімдік құрылымына кірмейді: әкімдік хабарламаны соған жолдайды.',
        departmentMissing:
          'Әкімдікте «{{department}}» бөлімшесі жоқ, сондықтан хабарлама әкімдіктің кеңсесіне түседі.',
      },
    },
    photo: {
      hint: 'JPEG, PNG немесе WebP, әр файл {{maxMb}} МБ-тан аспауы керек. Жарияланар алдында фотосуреттерден геодеректер мен басқа да жасырын ақпарат өшіріледі.',
      tooLarge: 'Фотосурет тым үлкен: бір файлдың көлемі {{maxMb}} МБ-тан аспауы керек.',
      unsupportedType: 'Бұл файл қабылданатын форматтағы фотосурет емес. JPEG, PNG немесе WebP суретін жүктеңіз.',
      typeMismatch: 'Файлдың атауы немесе түрі оның мазмұнына сәйкес келмейді. Фотосуреттің түпнұсқа файлын жүктеңіз.',
      corrupt: 'Фотосуретті оқу мүмкін болмады: файл зақымдалған немесе толық жүктелмеген.',
      tooManyPixels: 'Суреттің ажыратымдылығы тым жоғары: {{maxMegapixels}} Мп-ден аспауы керек.',
    },
    nearby: {
      heading: 'Жақын маңдағы ұқсас хабарламалар',
      lead: 'Осы санаттағы мына ашық хабарламалар таңдалған орыннан {{radius}} м радиуста орналасқан. Егер олардың бірі сіздің мәселеңізді сипаттаса, жаңа хабарлама бермей, соған қосылыңыз.',
      distance: '{{distance}} м жерде',
      leadAddress: 'Осы санаттағы, сол аудандағы мына ашық хабарламалардың мекенжайы сіздікіне ұқсас. Егер олардың бірі сіздің мәселеңізді сипаттаса, жаңа хабарлама бермей, соған қосылыңыз.',
      address: 'мекенжайы: {{address}}',
    },
  },
});
