<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About MedTour Desk</source>
            <translation>О программе MedTour Desk</translation>
        </message>
    </context>
    <context>
        <name>CaseHeader</name>
        <message>
            <source>, night</source>
            <translation>, ночь</translation>
        </message>
        <message>
            <source>assigned to {name}</source>
            <translation>ведёт {name}</translation>
        </message>
        <message>
            <source>chosen by {name}</source>
            <translation>выбрал(а) {name}</translation>
        </message>
        <message>
            <source>chosen when entered</source>
            <translation>выбран(а) при вводе</translation>
        </message>
        <message>
            <source>entered by {name}</source>
            <translation>внес(ла) {name}</translation>
        </message>
        <message>
            <source>follow-up {when}</source>
            <translation>связаться {when}</translation>
        </message>
        <message>
            <source>inquiry {date}</source>
            <translation>обращение {date}</translation>
        </message>
        <message>
            <source>next in turn</source>
            <translation>следующий по очереди</translation>
        </message>
        <message>
            <source>no follow-up set</source>
            <translation>без даты контакта</translation>
        </message>
        <message>
            <source>reassigned</source>
            <translation>передан</translation>
        </message>
        <message>
            <source>reassigned by {name}</source>
            <translation>передал(а) {name}</translation>
        </message>
        <message>
            <source>the only coordinator</source>
            <translation>единственный координатор</translation>
        </message>
        <message>
            <source>waiting in the pool: no active coordinator</source>
            <translation>ждёт в общем пуле: нет активных координаторов</translation>
        </message>
    </context>
    <context>
        <name>CountryPicker</name>
        <message>
            <source>Type to search: Russia, UAE, 中国…</source>
            <translation>Начните вводить: Россия, ОАЭ, 中国…</translation>
        </message>
    </context>
    <context>
        <name>DashboardView</name>
        <message>
            <source> Your own row: the team sees only its own leads.</source>
            <translation> Только ваша строка: в команде каждый видит лишь свои лиды.</translation>
        </message>
        <message>
            <source> · {count} leads in other countries or without one</source>
            <translation> · ещё {count} лидов из других стран или без страны</translation>
        </message>
        <message>
            <source>, {count} older</source>
            <translation>, {count} более давних</translation>
        </message>
        <message>
            <source>A follow-up is on time when a contact is logged after it was set and before its day ends (your time zone). Click to list the leads with late follow-ups.</source>
            <translation>Контакт вовремя, если он записан после назначения и до конца назначенного дня (по вашему времени). Нажмите, чтобы увидеть лиды с просроченными контактами.</translation>
        </message>
        <message>
            <source>A lead reached a stage when its history records a move into it; click a bar to list those leads</source>
            <translation>Лид достиг этапа, если в истории есть переход на него; нажмите на столбец, чтобы увидеть эти лиды</translation>
        </message>
        <message>
            <source>All leads</source>
            <translation>Все лиды</translation>
        </message>
        <message>
            <source>By coordinator</source>
            <translation>По координаторам</translation>
        </message>
        <message>
            <source>Charts</source>
            <translation>Графики</translation>
        </message>
        <message>
            <source>Click a bar to list that country's leads</source>
            <translation>Нажмите на столбец, чтобы увидеть лиды из этой страны</translation>
        </message>
        <message>
            <source>Click a bar to list the leads lost for that reason</source>
            <translation>Нажмите на столбец, чтобы увидеть лиды, потерянные по этой причине</translation>
        </message>
        <message>
            <source>Click a bar to list those inquiries</source>
            <translation>Нажмите на столбец, чтобы увидеть эти обращения</translation>
        </message>
        <message>
            <source>Contacted within {hours} h (last 30 days)</source>
            <translation>Связались за {hours} ч (30 дней)</translation>
        </message>
        <message>
            <source>Conversion (to booked)</source>
            <translation>Конверсия (до брони)</translation>
        </message>
        <message>
            <source>Conversion: leads that reached each stage</source>
            <translation>Конверсия: лиды, дошедшие до каждого этапа</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>Координатор</translation>
        </message>
        <message>
            <source>Could not load the numbers</source>
            <translation>Не удалось загрузить показатели</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>Сводка</translation>
        </message>
        <message>
            <source>Each lead counts for the coordinator it is assigned to now. Median time to first contact, follow-ups on time and conversion are over the last 30 days; the pool is the leads assigned to nobody.</source>
            <translation>Каждый лид засчитывается координатору, который ведёт его сейчас. Медиана времени до первого контакта, своевременность контактов и конверсия — за последние 30 дней; «общий пул» — лиды без координатора.</translation>
        </message>
        <message>
            <source>Follow-ups done on time (due in the last 30 days)</source>
            <translation>Контакты вовремя (назначенные за 30 дней)</translation>
        </message>
        <message>
            <source>Follow-ups due in the last 30 days done on time: a contact logged after the follow-up was set and before its day ended (your time zone)</source>
            <translation>Контакты, назначенные за последние 30 дней и сделанные вовремя: записаны после назначения и до конца назначенного дня (по вашему времени)</translation>
        </message>
        <message>
            <source>Follow-ups on time</source>
            <translation>Контакты вовремя</translation>
        </message>
        <message>
            <source>Inquiries of the last 30 days: from the inquiry to the first call, email or message</source>
            <translation>Обращения за 30 дней: от обращения до первого звонка, письма или сообщения</translation>
        </message>
        <message>
            <source>Inquiries per week, by source</source>
            <translation>Обращения по неделям и источникам</translation>
        </message>
        <message>
            <source>Late follow-ups (30 days)</source>
            <translation>Просроченные контакты (30 дней)</translation>
        </message>
        <message>
            <source>Leads</source>
            <translation>Лиды</translation>
        </message>
        <message>
            <source>Leads assigned to them in an open status (not lost, not completed)</source>
            <translation>Закреплённые за ними лиды в открытом статусе (не потеряны и не завершены)</translation>
        </message>
        <message>
            <source>Leads by country</source>
            <translation>Лиды по странам</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Загрузка…</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>Потеряны</translation>
        </message>
        <message>
            <source>Lost: {reason}</source>
            <translation>Потерян: {reason}</translation>
        </message>
        <message>
            <source>Median time to first contact</source>
            <translation>Медиана до первого контакта</translation>
        </message>
        <message>
            <source>Median time to first contact (inquiries of the last 30 days)</source>
            <translation>Медиана до первого контакта (обращения за 30 дней)</translation>
        </message>
        <message>
            <source>New leads nobody has contacted yet, however old</source>
            <translation>Новые лиды, с которыми ещё никто не связался, любой давности</translation>
        </message>
        <message>
            <source>Of the leads whose inquiry arrived in the last 30 days, how many reached Booked</source>
            <translation>Какая доля лидов с обращением за последние 30 дней дошла до брони</translation>
        </message>
        <message>
            <source>Open Today: new inquiries by waiting time</source>
            <translation>Открыть «Сегодня»: новые обращения по времени ожидания</translation>
        </message>
        <message>
            <source>Open leads</source>
            <translation>Открытые лиды</translation>
        </message>
        <message>
            <source>Reached {status}</source>
            <translation>Дошли до этапа «{status}»</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Обновить</translation>
        </message>
        <message>
            <source>Show all leads</source>
            <translation>Показать все лиды</translation>
        </message>
        <message>
            <source>Time from the inquiry to the first call, email or message; inquiries still waiting are counted in the card beside it</source>
            <translation>Время от обращения до первого звонка, письма или сообщения; ещё ждущие обращения учтены в соседней карточке</translation>
        </message>
        <message>
            <source>Waiting for first contact</source>
            <translation>Ждут первого контакта</translation>
        </message>
        <message>
            <source>Why leads were lost</source>
            <translation>Почему лиды потеряны</translation>
        </message>
        <message>
            <source>as of {time}</source>
            <translation>на {time}</translation>
        </message>
        <message>
            <source>over {count} contacted inquiries</source>
            <translation>по {count} обращениям с контактом</translation>
        </message>
        <message>
            <source>{count} of the {total} inquiries in 30 days</source>
            <translation>{count} из {total} обращений за 30 дней</translation>
        </message>
        <message>
            <source>{count} open</source>
            <translation>{count} открытых</translation>
        </message>
        <message>
            <source>{part} of {whole}</source>
            <translation>{part} из {whole}</translation>
        </message>
        <message>
            <source>{part} of {whole} · {late} late</source>
            <translation>{part} из {whole} · просрочено {late}</translation>
        </message>
        <message>
            <source>{share}  ({part} of {whole})</source>
            <translation>{share}  ({part} из {whole})</translation>
        </message>
        <message>
            <source>{source}, week of {week}</source>
            <translation>{source}, неделя с {week}</translation>
        </message>
    </context>
    <context>
        <name>Domain</name>
        <message>
            <source>Accommodation booking</source>
            <translation>Бронирование жилья</translation>
        </message>
        <message>
            <source>Active infection or organ failure</source>
            <translation>Активная инфекция или органная недостаточность</translation>
        </message>
        <message>
            <source>Aftercare</source>
            <translation>Наблюдение после лечения</translation>
        </message>
        <message>
            <source>Airport pickup</source>
            <translation>Встреча в аэропорту</translation>
        </message>
        <message>
            <source>Autoimmune</source>
            <translation>Аутоиммунное</translation>
        </message>
        <message>
            <source>Booked</source>
            <translation>Забронировано</translation>
        </message>
        <message>
            <source>Budget</source>
            <translation>Бюджет</translation>
        </message>
        <message>
            <source>Budget currency</source>
            <translation>Валюта бюджета</translation>
        </message>
        <message>
            <source>Busy</source>
            <translation>Занято</translation>
        </message>
        <message>
            <source>Call-back requested</source>
            <translation>Просили перезвонить</translation>
        </message>
        <message>
            <source>Cannot travel</source>
            <translation>Не может поехать</translation>
        </message>
        <message>
            <source>Case update</source>
            <translation>Обновление по делу</translation>
        </message>
        <message>
            <source>Chose another provider</source>
            <translation>Выбрал другую клинику</translation>
        </message>
        <message>
            <source>Companions</source>
            <translation>Сопровождающие</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>Завершено</translation>
        </message>
        <message>
            <source>Consent given by</source>
            <translation>Способ согласия</translation>
        </message>
        <message>
            <source>Consent to store health data</source>
            <translation>Согласие на хранение медданных</translation>
        </message>
        <message>
            <source>Contacted</source>
            <translation>Контакт установлен</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>Координатор</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Страна</translation>
        </message>
        <message>
            <source>Decision pending</source>
            <translation>Ждём решения</translation>
        </message>
        <message>
            <source>Diagnosis</source>
            <translation>Диагноз</translation>
        </message>
        <message>
            <source>Diagnosis category</source>
            <translation>Категория диагноза</translation>
        </message>
        <message>
            <source>Diagnosis not treatable with our programs</source>
            <translation>Диагноз не лечится нашими программами</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>Дубликат</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>Эл. почта</translation>
        </message>
        <message>
            <source>Email received</source>
            <translation>Получено письмо</translation>
        </message>
        <message>
            <source>Email sent</source>
            <translation>Отправлено письмо</translation>
        </message>
        <message>
            <source>Flight booking</source>
            <translation>Бронирование перелёта</translation>
        </message>
        <message>
            <source>In 3 days</source>
            <translation>Через 3 дня</translation>
        </message>
        <message>
            <source>In person</source>
            <translation>Лично</translation>
        </message>
        <message>
            <source>In treatment</source>
            <translation>На лечении</translation>
        </message>
        <message>
            <source>Incoming call</source>
            <translation>Входящий звонок</translation>
        </message>
        <message>
            <source>Inquiry received</source>
            <translation>Получено обращение</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Язык</translation>
        </message>
        <message>
            <source>Leukemia</source>
            <translation>Лейкоз</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>Потерян</translation>
        </message>
        <message>
            <source>Lymphoma</source>
            <translation>Лимфома</translation>
        </message>
        <message>
            <source>Medical records deadline</source>
            <translation>Срок сдачи медицинских документов</translation>
        </message>
        <message>
            <source>Medical review</source>
            <translation>Медицинская оценка</translation>
        </message>
        <message>
            <source>Meeting</source>
            <translation>Встреча</translation>
        </message>
        <message>
            <source>Message received</source>
            <translation>Получено сообщение</translation>
        </message>
        <message>
            <source>Message sent</source>
            <translation>Отправлено сообщение</translation>
        </message>
        <message>
            <source>Messengers</source>
            <translation>Мессенджеры</translation>
        </message>
        <message>
            <source>Multiple myeloma</source>
            <translation>Множественная миелома</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Имя</translation>
        </message>
        <message>
            <source>Name in Latin letters</source>
            <translation>Имя латиницей</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Новый</translation>
        </message>
        <message>
            <source>Next follow-up</source>
            <translation>Следующий контакт</translation>
        </message>
        <message>
            <source>Next week</source>
            <translation>Через неделю</translation>
        </message>
        <message>
            <source>No answer</source>
            <translation>Не ответил</translation>
        </message>
        <message>
            <source>No response after follow-ups</source>
            <translation>Нет ответа после напоминаний</translation>
        </message>
        <message>
            <source>Not eligible</source>
            <translation>Не подходит</translation>
        </message>
        <message>
            <source>Not interested</source>
            <translation>Не заинтересован</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Заметка</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Другое</translation>
        </message>
        <message>
            <source>Outgoing call</source>
            <translation>Исходящий звонок</translation>
        </message>
        <message>
            <source>Packet sent</source>
            <translation>Пакет отправлен</translation>
        </message>
        <message>
            <source>Patient passed away</source>
            <translation>Пациент скончался</translation>
        </message>
        <message>
            <source>Performance status too low</source>
            <translation>Слишком низкий функциональный статус</translation>
        </message>
        <message>
            <source>Phone call</source>
            <translation>Телефонный звонок</translation>
        </message>
        <message>
            <source>Phones</source>
            <translation>Телефоны</translation>
        </message>
        <message>
            <source>Post</source>
            <translation>Почта</translation>
        </message>
        <message>
            <source>Prior CAR-T failure without new target</source>
            <translation>Неудача прежней CAR-T без новой мишени</translation>
        </message>
        <message>
            <source>Program</source>
            <translation>Программа</translation>
        </message>
        <message>
            <source>Qualified</source>
            <translation>Квалифицирован</translation>
        </message>
        <message>
            <source>Quote sent</source>
            <translation>Смета отправлена</translation>
        </message>
        <message>
            <source>Reached</source>
            <translation>Дозвонились</translation>
        </message>
        <message>
            <source>Records received</source>
            <translation>Документы получены</translation>
        </message>
        <message>
            <source>SMS</source>
            <translation>SMS</translation>
        </message>
        <message>
            <source>Solid tumour</source>
            <translation>Солидная опухоль</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Источник</translation>
        </message>
        <message>
            <source>Telegram</source>
            <translation>Telegram</translation>
        </message>
        <message>
            <source>Time zone</source>
            <translation>Часовой пояс</translation>
        </message>
        <message>
            <source>Tomorrow</source>
            <translation>Завтра</translation>
        </message>
        <message>
            <source>Too expensive</source>
            <translation>Слишком дорого</translation>
        </message>
        <message>
            <source>Treated at home</source>
            <translation>Лечится дома</translation>
        </message>
        <message>
            <source>Unreachable</source>
            <translation>Недоступен</translation>
        </message>
        <message>
            <source>Visa application</source>
            <translation>Подача на визу</translation>
        </message>
        <message>
            <source>VoIP</source>
            <translation>VoIP</translation>
        </message>
        <message>
            <source>Voicemail</source>
            <translation>Автоответчик</translation>
        </message>
        <message>
            <source>Waiting for a first contact</source>
            <translation>Ждут первого контакта</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>WeChat</translation>
        </message>
        <message>
            <source>WhatsApp</source>
            <translation>WhatsApp</translation>
        </message>
        <message>
            <source>Why assigned</source>
            <translation>Почему назначен</translation>
        </message>
        <message>
            <source>Wrong number</source>
            <translation>Неверный номер</translation>
        </message>
        <message>
            <source>everyone's</source>
            <translation>все</translation>
        </message>
        <message>
            <source>fixed line</source>
            <translation>стационарный</translation>
        </message>
        <message>
            <source>fixed line or mobile</source>
            <translation>стационарный или мобильный</translation>
        </message>
        <message>
            <source>mobile</source>
            <translation>мобильный</translation>
        </message>
        <message>
            <source>new leads with no call, message or email logged yet, however old</source>
            <translation>новые лиды без записанного звонка, сообщения или письма, любой давности</translation>
        </message>
        <message>
            <source>pager</source>
            <translation>пейджер</translation>
        </message>
        <message>
            <source>personal number</source>
            <translation>персональный номер</translation>
        </message>
        <message>
            <source>premium rate</source>
            <translation>платный</translation>
        </message>
        <message>
            <source>shared cost</source>
            <translation>с разделённой оплатой</translation>
        </message>
        <message>
            <source>toll free</source>
            <translation>бесплатный</translation>
        </message>
        <message>
            <source>universal access number</source>
            <translation>единый номер доступа</translation>
        </message>
        <message>
            <source>voicemail</source>
            <translation>голосовая почта</translation>
        </message>
        <message>
            <source>yours and the pool's</source>
            <translation>ваши и из общего пула</translation>
        </message>
    </context>
    <context>
        <name>DuplicateBanner</name>
        <message>
            <source>Hide this warning</source>
            <translation>Скрыть предупреждение</translation>
        </message>
        <message>
            <source>Merge…</source>
            <translation>Объединить…</translation>
        </message>
    </context>
    <context>
        <name>Duration</name>
        <message>
            <source>just now</source>
            <translation>только что</translation>
        </message>
        <message>
            <source>{days} d</source>
            <translation>{days} дн.</translation>
        </message>
        <message>
            <source>{days} d {hours} h</source>
            <translation>{days} дн. {hours} ч</translation>
        </message>
        <message>
            <source>{hours} h</source>
            <translation>{hours} ч</translation>
        </message>
        <message>
            <source>{hours} h {minutes} min</source>
            <translation>{hours} ч {minutes} мин</translation>
        </message>
        <message>
            <source>{minutes} min</source>
            <translation>{minutes} мин</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export failed</source>
            <translation>Экспорт не удался</translation>
        </message>
        <message>
            <source>Export finished</source>
            <translation>Экспорт завершён</translation>
        </message>
    </context>
    <context>
        <name>FirstRunDialog</name>
        <message>
            <source>. Choose again.</source>
            <translation>. Выберите снова.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Отмена</translation>
        </message>
        <message>
            <source>Creating {count} demo leads…</source>
            <translation>Создаём {count} демо-лидов…</translation>
        </message>
        <message>
            <source>Invented patients from many countries and scripts, with calls and follow-ups; they can be told apart by their example.* email addresses</source>
            <translation>Вымышленные пациенты из разных стран, с разной письменностью, со звонками и контактами; их легко узнать по адресам example.*</translation>
        </message>
        <message>
            <source>MedTour Desk databases (*.db *.sqlite);;All files (*)</source>
            <translation>Базы MedTour Desk (*.db *.sqlite);;Все файлы (*)</translation>
        </message>
        <message>
            <source>MedTour Desk keeps your agency's inquiries — patients and families asking about CAR T-cell therapy in China — with every call, follow-up and status, so nobody waits and nobody is forgotten.

There is no database on this computer yet. It will be created here, readable by your user only:
{path}</source>
            <translation>MedTour Desk хранит обращения вашего агентства — пациентов и семей, которые спрашивают о CAR-T-терапии в Китае, — с каждым звонком, контактом и статусом, чтобы никто не ждал и никого не забыли.

На этом компьютере базы данных ещё нет. Она будет создана здесь, доступ — только у вашего пользователя:
{path}</translation>
        </message>
        <message>
            <source>Open a MedTour Desk database</source>
            <translation>Открыть базу MedTour Desk</translation>
        </message>
        <message>
            <source>Open an existing database…</source>
            <translation>Открыть существующую базу…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Выйти</translation>
        </message>
        <message>
            <source>Start with an empty database</source>
            <translation>Начать с пустой базы</translation>
        </message>
        <message>
            <source>Try it with {count} demo leads</source>
            <translation>Попробовать на {count} демо-лидах</translation>
        </message>
        <message>
            <source>Welcome to MedTour Desk</source>
            <translation>Добро пожаловать в MedTour Desk</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message numerus="yes">
            <source> — %Ln row(s) in all.</source>
            <translation>
                <numerusform> — всего %Ln строка.</numerusform>
                <numerusform> — всего %Ln строки.</numerusform>
                <numerusform> — всего %Ln строк.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln duplicate(s) (added to the existing lead)</source>
            <translation>
                <numerusform>%Ln дубликат (добавлен к существующему лиду)</numerusform>
                <numerusform>%Ln дубликата (добавлены к существующим лидам)</numerusform>
                <numerusform>%Ln дубликатов (добавлены к существующим лидам)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln imported</source>
            <translation>
                <numerusform>%Ln импортирован</numerusform>
                <numerusform>%Ln импортировано</numerusform>
                <numerusform>%Ln импортировано</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln rejected</source>
            <translation>
                <numerusform>%Ln отклонён</numerusform>
                <numerusform>%Ln отклонено</numerusform>
                <numerusform>%Ln отклонено</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln warning(s)</source>
            <translation>
                <numerusform>%Ln предупреждение</numerusform>
                <numerusform>%Ln предупреждения</numerusform>
                <numerusform>%Ln предупреждений</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln would be imported</source>
            <translation>
                <numerusform>%Ln будет импортирован</numerusform>
                <numerusform>%Ln будет импортировано</numerusform>
                <numerusform>%Ln будет импортировано</numerusform>
            </translation>
        </message>
        <message>
            <source>/path/to/inquiries.csv</source>
            <translation>/путь/к/обращениям.csv</translation>
        </message>
        <message>
            <source>A CSV export from the website form, a spreadsheet or another CRM.</source>
            <translation>CSV-выгрузка из формы на сайте, таблицы или другой CRM.</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Обзор…</translation>
        </message>
        <message>
            <source>Budget</source>
            <translation>Бюджет</translation>
        </message>
        <message>
            <source>CSV (*.csv);;JSON (*.json)</source>
            <translation>CSV (*.csv);;JSON (*.json)</translation>
        </message>
        <message>
            <source>CSV files (*.csv *.txt);;All files (*)</source>
            <translation>Файлы CSV (*.csv *.txt);;Все файлы (*)</translation>
        </message>
        <message>
            <source>Cancelled: nothing was imported.</source>
            <translation>Отменено: ничего не импортировано.</translation>
        </message>
        <message>
            <source>Check the file</source>
            <translation>Проверка файла</translation>
        </message>
        <message>
            <source>Checking every row…</source>
            <translation>Проверяем каждую строку…</translation>
        </message>
        <message>
            <source>Choose the file</source>
            <translation>Выбор файла</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>Столбец в файле</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>Координатор</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>Дубликат</translation>
        </message>
        <message>
            <source>Each column's field was guessed from its header. Correct any guess; columns set to “ignore” are left out.</source>
            <translation>Поле для каждого столбца угадано по заголовку. Исправьте ошибки; столбцы с «пропустить» не загружаются.</translation>
        </message>
        <message>
            <source>Encoding</source>
            <translation>Кодировка</translation>
        </message>
        <message>
            <source>Every row was checked without writing anything.</source>
            <translation>Все строки проверены, ничего не записано.</translation>
        </message>
        <message>
            <source>File to import</source>
            <translation>Файл для импорта</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>Имя</translation>
        </message>
        <message>
            <source>First values</source>
            <translation>Первые значения</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Импорт</translation>
        </message>
        <message numerus="yes">
            <source>Import %Ln lead(s)</source>
            <translation>
                <numerusform>Импортировать %Ln лид</numerusform>
                <numerusform>Импортировать %Ln лида</numerusform>
                <numerusform>Импортировать %Ln лидов</numerusform>
            </translation>
        </message>
        <message>
            <source>Import inquiries</source>
            <translation>Импорт обращений</translation>
        </message>
        <message>
            <source>Imported</source>
            <translation>Импортирован</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>Импортируем…</translation>
        </message>
        <message>
            <source>Importing… (Cancel in the progress window writes nothing)</source>
            <translation>Импортируем… («Отмена» в окне хода работы ничего не запишет)</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>Фамилия</translation>
        </message>
        <message>
            <source>Lead</source>
            <translation>Лид</translation>
        </message>
        <message>
            <source>Lead field</source>
            <translation>Поле лида</translation>
        </message>
        <message>
            <source>Match the columns</source>
            <translation>Сопоставление столбцов</translation>
        </message>
        <message>
            <source>Message (the inquiry)</source>
            <translation>Сообщение (обращение)</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Имя</translation>
        </message>
        <message>
            <source>Nothing was imported: {error}</source>
            <translation>Ничего не импортировано: {error}</translation>
        </message>
        <message>
            <source>One transaction: every row below is in the database, or none is.</source>
            <translation>Одна транзакция: в базе либо все строки ниже, либо ни одной.</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Результат</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Телефон</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Причина</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Отклонён</translation>
        </message>
        <message>
            <source>Report not saved</source>
            <translation>Отчёт не сохранён</translation>
        </message>
        <message>
            <source>Report saved to {path}.</source>
            <translation>Отчёт сохранён: {path}.</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>Строка</translation>
        </message>
        <message>
            <source>Save report…</source>
            <translation>Сохранить отчёт…</translation>
        </message>
        <message>
            <source>Save the import report</source>
            <translation>Сохранить отчёт об импорте</translation>
        </message>
        <message>
            <source>Second phone</source>
            <translation>Второй телефон</translation>
        </message>
        <message>
            <source>Submitted at</source>
            <translation>Отправлено</translation>
        </message>
        <message>
            <source>Telegram</source>
            <translation>Telegram</translation>
        </message>
        <message>
            <source>The encoding could not be told for sure. Pick the line where the text reads right, then confirm below the table.</source>
            <translation>Кодировку не удалось определить точно. Выберите строку, где текст читается правильно, и подтвердите под таблицей.</translation>
        </message>
        <message>
            <source>The encoding is {encoding}; change it only if the table looks garbled.</source>
            <translation>Кодировка: {encoding}; меняйте её, только если текст в таблице искажён.</translation>
        </message>
        <message>
            <source>The file cannot be read as {encoding}: {error}</source>
            <translation>Файл не читается в кодировке {encoding}: {error}</translation>
        </message>
        <message>
            <source>The file could not be checked: {error}</source>
            <translation>Файл не удалось проверить: {error}</translation>
        </message>
        <message>
            <source>The first rows as they will be read.</source>
            <translation>Первые строки в том виде, в каком они будут прочитаны.</translation>
        </message>
        <message>
            <source>The names and words in the table read correctly</source>
            <translation>Имена и слова в таблице читаются правильно</translation>
        </message>
        <message>
            <source>There is no file at {path}.</source>
            <translation>Файла {path} нет.</translation>
        </message>
        <message>
            <source>Warnings</source>
            <translation>Предупреждения</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>WeChat</translation>
        </message>
        <message>
            <source>What the import will do</source>
            <translation>Что сделает импорт</translation>
        </message>
        <message>
            <source>WhatsApp</source>
            <translation>WhatsApp</translation>
        </message>
        <message>
            <source>Would be added to a lead</source>
            <translation>Будет добавлен к лиду</translation>
        </message>
        <message>
            <source>Would be imported</source>
            <translation>Будет импортирован</translation>
        </message>
        <message>
            <source>Would be rejected</source>
            <translation>Будет отклонён</translation>
        </message>
        <message>
            <source>comma</source>
            <translation>запятая</translation>
        </message>
        <message>
            <source>semicolon</source>
            <translation>точка с запятой</translation>
        </message>
        <message>
            <source>tab</source>
            <translation>табуляция</translation>
        </message>
        <message>
            <source>vertical bar</source>
            <translation>вертикальная черта</translation>
        </message>
        <message numerus="yes">
            <source>{file}: %Ln column(s), separated by {delimiter}; encoding {encoding}.</source>
            <translation>
                <numerusform>{file}: %Ln столбец, разделитель — {delimiter}; кодировка {encoding}.</numerusform>
                <numerusform>{file}: %Ln столбца, разделитель — {delimiter}; кодировка {encoding}.</numerusform>
                <numerusform>{file}: %Ln столбцов, разделитель — {delimiter}; кодировка {encoding}.</numerusform>
            </translation>
        </message>
        <message>
            <source>— ignore —</source>
            <translation>— пропустить —</translation>
        </message>
    </context>
    <context>
        <name>LanguagePicker</name>
        <message>
            <source>Type to search: Russian, العربية, 中文…</source>
            <translation>Начните вводить: русский, العربية, 中文…</translation>
        </message>
    </context>
    <context>
        <name>LeadChangedBanner</name>
        <message>
            <source>Reload</source>
            <translation>Загрузить заново</translation>
        </message>
        <message>
            <source>Show the newest version (your unsaved changes are discarded)</source>
            <translation>Показать последнюю версию (несохранённые изменения будут отброшены)</translation>
        </message>
    </context>
    <context>
        <name>LeadEditor</name>
        <message>
            <source>Cannot save yet</source>
            <translation>Пока нельзя сохранить</translation>
        </message>
        <message>
            <source>Cannot undo</source>
            <translation>Отменить нельзя</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Данные</translation>
        </message>
        <message>
            <source>Discard your changes?</source>
            <translation>Отбросить изменения?</translation>
        </message>
        <message>
            <source>History</source>
            <translation>История</translation>
        </message>
        <message>
            <source>History ({count})</source>
            <translation>История ({count})</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation>Продолжить</translation>
        </message>
        <message>
            <source>Log a call (Ctrl+L)</source>
            <translation>Записать звонок (Ctrl+L)</translation>
        </message>
        <message>
            <source>Log call…</source>
            <translation>Звонок…</translation>
        </message>
        <message>
            <source>Move to</source>
            <translation>Перевести</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>Не сохранено</translation>
        </message>
        <message>
            <source>Not saved: changed by someone else</source>
            <translation>Не сохранено: лид изменил кто-то другой</translation>
        </message>
        <message>
            <source>Not saved: your changes are kept here</source>
            <translation>Не сохранено: изменения остаются здесь</translation>
        </message>
        <message>
            <source>Nothing to save</source>
            <translation>Нечего сохранять</translation>
        </message>
        <message>
            <source>Reload and discard</source>
            <translation>Загрузить и отбросить</translation>
        </message>
        <message>
            <source>Reloaded</source>
            <translation>Загружено заново</translation>
        </message>
        <message>
            <source>Reloaded: your changes were discarded</source>
            <translation>Загружено заново: изменения отброшены</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Сохранить</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>Сохранить (Ctrl+S)</translation>
        </message>
        <message>
            <source>Saved {time}</source>
            <translation>Сохранено в {time}</translation>
        </message>
        <message>
            <source>The patient's time zone</source>
            <translation>Часовой пояс пациента</translation>
        </message>
        <message>
            <source>This lead was changed elsewhere. Reload it and lose the changes made here?</source>
            <translation>Этот лид изменили в другом месте. Загрузить его заново и потерять изменения, сделанные здесь?</translation>
        </message>
        <message>
            <source>Undo the last status change</source>
            <translation>Отменить последнюю смену статуса</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Несохранённые изменения</translation>
        </message>
        <message>
            <source>{city} — now {time} ({zone})</source>
            <translation>{city} — сейчас {time} ({zone})</translation>
        </message>
        <message>
            <source>{name}'s number covers {count} time zones. Which is theirs? It is kept on the lead, so the local time is exact from now on.</source>
            <translation>Номер пациента ({name}) охватывает {count} часовых поясов. Какой из них его? Выбор сохранится в лиде, и местное время будет точным.</translation>
        </message>
    </context>
    <context>
        <name>LeadForm</name>
        <message>
            <source> — outside calling hours ({start}–{end})</source>
            <translation> — вне времени для звонков ({start}–{end})</translation>
        </message>
        <message>
            <source>@username or number</source>
            <translation>@имя или номер</translation>
        </message>
        <message>
            <source>As in the passport, e.g. Ivan Petrov</source>
            <translation>Как в загранпаспорте, например Ivan Petrov</translation>
        </message>
        <message>
            <source>As the patient writes it, in any script</source>
            <translation>Как пишет сам пациент, любым алфавитом</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Категория</translation>
        </message>
        <message>
            <source>Choose the patient's time zone…</source>
            <translation>Выберите часовой пояс пациента…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Очистить</translation>
        </message>
        <message>
            <source>Consent</source>
            <translation>Согласие</translation>
        </message>
        <message>
            <source>From the number</source>
            <translation>По номеру</translation>
        </message>
        <message>
            <source>Given {when}</source>
            <translation>Дано {when}</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>Вернуться</translation>
        </message>
        <message>
            <source>How it was given</source>
            <translation>Как получено</translation>
        </message>
        <message>
            <source>How to reach them</source>
            <translation>Как связаться</translation>
        </message>
        <message>
            <source>In writing, by email</source>
            <translation>Письменно, по эл. почте</translation>
        </message>
        <message>
            <source>Local time</source>
            <translation>Местное время</translation>
        </message>
        <message>
            <source>Medical</source>
            <translation>Медицина</translation>
        </message>
        <message>
            <source>Messenger</source>
            <translation>Мессенджер</translation>
        </message>
        <message>
            <source>Not given: saving health details will ask for a confirmation.</source>
            <translation>Не дано: при сохранении медданных будет запрошено подтверждение.</translation>
        </message>
        <message>
            <source>Not set</source>
            <translation>Не задано</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>Номер</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Пациент</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>План</translation>
        </message>
        <message>
            <source>Save anyway</source>
            <translation>Всё равно сохранить</translation>
        </message>
        <message>
            <source>Save anyway?</source>
            <translation>Всё равно сохранить?</translation>
        </message>
        <message>
            <source>Save health details without consent?</source>
            <translation>Сохранить медданные без согласия?</translation>
        </message>
        <message>
            <source>Signed consent form</source>
            <translation>Подписанная форма согласия</translation>
        </message>
        <message>
            <source>The lead needs a name.</source>
            <translation>Укажите имя.</translation>
        </message>
        <message>
            <source>The number covers several time zones: choose the patient's</source>
            <translation>Номер охватывает несколько часовых поясов: выберите пояс пациента</translation>
        </message>
        <message>
            <source>The patient agreed that we store their health data</source>
            <translation>Пациент согласен на хранение его медданных</translation>
        </message>
        <message>
            <source>The time is recorded when you save.</source>
            <translation>Время запишется при сохранении.</translation>
        </message>
        <message>
            <source>Verbally, on a call</source>
            <translation>Устно, по телефону</translation>
        </message>
        <message>
            <source>WeChat ID</source>
            <translation>ID в WeChat</translation>
        </message>
        <message>
            <source>Website form checkbox</source>
            <translation>Галочка в форме на сайте</translation>
        </message>
        <message>
            <source>Website form, WhatsApp, partner referral…</source>
            <translation>Форма на сайте, WhatsApp, партнёр…</translation>
        </message>
        <message>
            <source>What the patient or the doctors wrote</source>
            <translation>Что написали пациент или врачи</translation>
        </message>
        <message>
            <source>name@example.com</source>
            <translation>name@example.com</translation>
        </message>
        <message>
            <source>unknown (no valid phone)</source>
            <translation>неизвестно (нет верного номера)</translation>
        </message>
        <message>
            <source>varies: choose the zone →</source>
            <translation>разное: выберите пояс →</translation>
        </message>
    </context>
    <context>
        <name>LeadListModel</name>
        <message>
            <source> (not sortable: it depends on each phone)</source>
            <translation> (без сортировки: зависит от каждого номера)</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>Координатор</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Страна</translation>
        </message>
        <message>
            <source>Last contact</source>
            <translation>Посл. контакт</translation>
        </message>
        <message>
            <source>Local time</source>
            <translation>Местное время</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Имя</translation>
        </message>
        <message>
            <source>New inquiries not yet contacted: how long they have waited (amber after 2 h, red after 24 h)</source>
            <translation>Новые обращения без контакта: сколько ждут (жёлтый после 2 ч, красный после 24 ч)</translation>
        </message>
        <message>
            <source>Next follow-up</source>
            <translation>След. контакт</translation>
        </message>
        <message>
            <source>No time zone known: the phone is not valid and no zone is set on the lead</source>
            <translation>Часовой пояс неизвестен: номер неверный, а пояс в лиде не задан</translation>
        </message>
        <message>
            <source>Patient's country</source>
            <translation>Страна пациента</translation>
        </message>
        <message>
            <source>Patient's local time now, from the phone's time zones or the zone set on the lead; green dot: working hours there; grey ring: outside 09:00–20:00; half dot: some of the country's zones</source>
            <translation>Местное время пациента сейчас — по часовым поясам номера или по поясу, заданному в лиде; зелёная точка: там рабочее время; серое кольцо: вне 09:00–20:00; половина точки: в части поясов страны</translation>
        </message>
        <message>
            <source>Patient's name as written (Latin spelling in the tooltip)</source>
            <translation>Имя пациента, как написано (латиницей — в подсказке)</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Получено</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Номер</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Статус</translation>
        </message>
        <message>
            <source>The lead's reference number</source>
            <translation>Номер лида</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Ждёт</translation>
        </message>
        <message>
            <source>Waiting more than 2 hours for a first contact</source>
            <translation>Ждёт первого контакта больше 2 часов</translation>
        </message>
        <message>
            <source>Waiting more than 24 hours for a first contact</source>
            <translation>Ждёт первого контакта больше 24 часов</translation>
        </message>
        <message>
            <source>When the agency last reached out or spoke with the patient</source>
            <translation>Когда агентство последний раз связывалось или говорило с пациентом</translation>
        </message>
        <message>
            <source>When the inquiry arrived</source>
            <translation>Когда пришло обращение</translation>
        </message>
        <message>
            <source>When to contact the patient next (your time)</source>
            <translation>Когда связаться с пациентом в следующий раз (ваше время)</translation>
        </message>
        <message>
            <source>Where the lead is in the pipeline</source>
            <translation>Этап воронки, на котором лид</translation>
        </message>
        <message>
            <source>Who handles the lead</source>
            <translation>Кто ведёт лид</translation>
        </message>
        <message>
            <source>overdue {days} d</source>
            <translation>просрочено {days} дн.</translation>
        </message>
        <message>
            <source>today {time}</source>
            <translation>сегодня {time}</translation>
        </message>
        <message>
            <source>tomorrow {time}</source>
            <translation>завтра {time}</translation>
        </message>
        <message>
            <source>yesterday</source>
            <translation>вчера</translation>
        </message>
        <message>
            <source>yesterday {time}</source>
            <translation>вчера {time}</translation>
        </message>
        <message>
            <source>{local}: outside 09:00–20:00; morning in {wait}</source>
            <translation>{local}: вне 09:00–20:00; утро через {wait}</translation>
        </message>
    </context>
    <context>
        <name>LeadListView</name>
        <message numerus="yes">
            <source>%Ln lead(s)</source>
            <translation>
                <numerusform>%Ln лид</numerusform>
                <numerusform>%Ln лида</numerusform>
                <numerusform>%Ln лидов</numerusform>
            </translation>
        </message>
        <message>
            <source>All coordinators</source>
            <translation>Все координаторы</translation>
        </message>
        <message>
            <source>All countries</source>
            <translation>Все страны</translation>
        </message>
        <message>
            <source>All sources</source>
            <translation>Все источники</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>Все статусы</translation>
        </message>
        <message>
            <source>Assign to…</source>
            <translation>Назначить…</translation>
        </message>
        <message>
            <source>Find a lead</source>
            <translation>Найти лид</translation>
        </message>
        <message>
            <source>Find a lead  (Ctrl+F)</source>
            <translation>Найти лид  (Ctrl+F)</translation>
        </message>
        <message>
            <source>My leads</source>
            <translation>Мои лиды</translation>
        </message>
        <message>
            <source>Open leads</source>
            <translation>Открытые лиды</translation>
        </message>
        <message>
            <source>Search the leads</source>
            <translation>Искать лиды</translation>
        </message>
        <message>
            <source>The list is narrowed to the leads behind a dashboard number; click to show all</source>
            <translation>Список сужен до лидов за числом из сводки; нажмите, чтобы показать все</translation>
        </message>
        <message>
            <source>Type part of a name in any script (Иван, محمد, 王), a reference (L-2026-00042), an email or some phone digits; the list filters as you type</source>
            <translation>Введите часть имени любым алфавитом (Иван, محمد, 王), номер лида (L-2026-00042), адрес почты или цифры телефона — список фильтруется на ходу</translation>
        </message>
        <message>
            <source>Unassigned (the pool)</source>
            <translation>Без координатора (общий пул)</translation>
        </message>
        <message numerus="yes">
            <source>{shown} of %Ln lead(s)</source>
            <translation>
                <numerusform>{shown} из %Ln лида</numerusform>
                <numerusform>{shown} из %Ln лидов</numerusform>
                <numerusform>{shown} из %Ln лидов</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LeadPanel</name>
        <message>
            <source>Close without saving</source>
            <translation>Закрыть без сохранения</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation>Продолжить</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Несохранённые изменения</translation>
        </message>
        <message>
            <source>{name} has changes that are not saved. Close it and lose them?</source>
            <translation>В карточке «{name}» есть несохранённые изменения. Закрыть и потерять их?</translation>
        </message>
    </context>
    <context>
        <name>LeadTimeline</name>
        <message>
            <source>History</source>
            <translation>История</translation>
        </message>
        <message>
            <source>History ({count})</source>
            <translation>История ({count})</translation>
        </message>
        <message>
            <source>Select an entry to read it in full.</source>
            <translation>Выберите запись, чтобы прочитать её целиком.</translation>
        </message>
        <message>
            <source>by {name}</source>
            <translation>— {name}</translation>
        </message>
    </context>
    <context>
        <name>List</name>
        <message>
            <source>, </source>
            <translation>, </translation>
        </message>
    </context>
    <context>
        <name>LocalTime</name>
        <message>
            <source>unknown</source>
            <translation>неизвестно</translation>
        </message>
        <message>
            <source>varies</source>
            <translation>по-разному</translation>
        </message>
        <message>
            <source>varies ({span})</source>
            <translation>по-разному ({span})</translation>
        </message>
    </context>
    <context>
        <name>LogCallDialog</name>
        <message>
            <source> (outside calling hours)</source>
            <translation> (вне времени для звонков)</translation>
        </message>
        <message>
            <source>Choose the outcome first: </source>
            <translation>Сначала выберите результат: </translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>Направление</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Длительность</translation>
        </message>
        <message>
            <source>Enter saves · Shift+Enter new line</source>
            <translation>Enter — сохранить · Shift+Enter — новая строка</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>Следующий контакт</translation>
        </message>
        <message>
            <source>Incoming (they called)</source>
            <translation>Входящий (звонили нам)</translation>
        </message>
        <message>
            <source>Log a call — {reference}</source>
            <translation>Звонок — {reference}</translation>
        </message>
        <message>
            <source>Move the lead from New to Contacted</source>
            <translation>Перевести лид из «Новый» в «Контакт установлен»</translation>
        </message>
        <message>
            <source>No follow-up</source>
            <translation>Без контакта</translation>
        </message>
        <message>
            <source>None [0]</source>
            <translation>Нет [0]</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Заметки</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Результат</translation>
        </message>
        <message>
            <source>Outgoing (we called)</source>
            <translation>Исходящий (звонили мы)</translation>
        </message>
        <message>
            <source>Save call  ⏎</source>
            <translation>Сохранить  ⏎</translation>
        </message>
        <message>
            <source>Start timer [T]</source>
            <translation>Запустить таймер [T]</translation>
        </message>
        <message>
            <source>Stop timer [T]</source>
            <translation>Остановить таймер [T]</translation>
        </message>
        <message>
            <source>The duration reads as m:ss (4:30) or minutes (5).</source>
            <translation>Длительность — в формате м:сс (4:30) или в минутах (5).</translation>
        </message>
        <message>
            <source>What was said, what to send, who decides…</source>
            <translation>Что обсудили, что отправить, кто решает…</translation>
        </message>
        <message>
            <source>last call {when}: {outcome}</source>
            <translation>последний звонок {when}: {outcome}</translation>
        </message>
        <message>
            <source>m:ss</source>
            <translation>м:сс</translation>
        </message>
        <message>
            <source>m:ss, or minutes; typing here stops the timer</source>
            <translation>м:сс или минуты; ввод здесь останавливает таймер</translation>
        </message>
        <message>
            <source>no outcome</source>
            <translation>без результата</translation>
        </message>
        <message>
            <source>their time {time}</source>
            <translation>у них {time}</translation>
        </message>
    </context>
    <context>
        <name>MainController</name>
        <message numerus="yes">
            <source>%Ln lead(s)</source>
            <translation>
                <numerusform>%Ln лид</numerusform>
                <numerusform>%Ln лида</numerusform>
                <numerusform>%Ln лидов</numerusform>
            </translation>
        </message>
        <message>
            <source>All {count}</source>
            <translation>Все {count}</translation>
        </message>
        <message>
            <source>Database: {location}</source>
            <translation>База: {location}</translation>
        </message>
        <message>
            <source>Every call, status change and packet is recorded under this name</source>
            <translation>Все звонки, смены статуса и пакеты записываются под этим именем</translation>
        </message>
        <message>
            <source>Export leads</source>
            <translation>Экспорт лидов</translation>
        </message>
        <message numerus="yes">
            <source>Exported %Ln lead(s) to {path}</source>
            <translation>
                <numerusform>Экспортирован %Ln лид в {path}</numerusform>
                <numerusform>Экспортировано %Ln лида в {path}</numerusform>
                <numerusform>Экспортировано %Ln лидов в {path}</numerusform>
            </translation>
        </message>
        <message>
            <source>Family</source>
            <translation>Семья</translation>
        </message>
        <message>
            <source>MedTour Desk</source>
            <translation>MedTour Desk</translation>
        </message>
        <message>
            <source>MedTour Desk — {name}</source>
            <translation>MedTour Desk — {name}</translation>
        </message>
        <message>
            <source>No profile: Settings → My profile…</source>
            <translation>Нет профиля: Настройки → Мой профиль…</translation>
        </message>
        <message>
            <source>Packets need a real person to sign them; actions are recorded as "Coordinator"</source>
            <translation>Пакеты подписывает реальный человек; пока действия записываются как «Координатор»</translation>
        </message>
        <message>
            <source>Partner catalogue: revision {revision} published</source>
            <translation>Каталог партнёров: опубликована редакция {revision}</translation>
        </message>
        <message>
            <source>Patient packet</source>
            <translation>Пакет для пациента</translation>
        </message>
        <message>
            <source>Patient packets (costs and the treatment journey, as a PDF) come next; this build does not make them yet.</source>
            <translation>Пакеты для пациентов (стоимость и план лечения в PDF) появятся позже; эта сборка их пока не делает.</translation>
        </message>
        <message>
            <source>Records</source>
            <translation>Документы</translation>
        </message>
        <message>
            <source>Review &amp;&amp; quotes</source>
            <translation>Оценка и сметы</translation>
        </message>
        <message>
            <source>Schedule</source>
            <translation>График</translation>
        </message>
        <message numerus="yes">
            <source>The list shows {shown} of %Ln lead(s) (a search or filter is on).</source>
            <translation>
                <numerusform>В списке {shown} из %Ln лида (включён поиск или фильтр).</numerusform>
                <numerusform>В списке {shown} из %Ln лидов (включён поиск или фильтр).</numerusform>
                <numerusform>В списке {shown} из %Ln лидов (включён поиск или фильтр).</numerusform>
            </translation>
        </message>
        <message>
            <source>These {count}</source>
            <translation>Только эти {count}</translation>
        </message>
        <message>
            <source>Unanswered for more than {days} days</source>
            <translation>Без ответа больше {days} дней</translation>
        </message>
        <message>
            <source>Working as {name}</source>
            <translation>Работает: {name}</translation>
        </message>
        <message>
            <source>{count} shown</source>
            <translation>показано {count}</translation>
        </message>
        <message>
            <source>{reference}: back to {status}</source>
            <translation>{reference}: возвращён в «{status}»</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;About MedTour Desk</source>
            <translation>&amp;О программе MedTour Desk</translation>
        </message>
        <message>
            <source>&amp;Close lead</source>
            <translation>&amp;Закрыть лид</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Правка</translation>
        </message>
        <message>
            <source>&amp;Export leads…</source>
            <translation>&amp;Экспорт лидов…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Файл</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;Найти…</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Справка</translation>
        </message>
        <message>
            <source>&amp;Import leads…</source>
            <translation>&amp;Импорт лидов…</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Сочетания клавиш</translation>
        </message>
        <message>
            <source>&amp;Lead</source>
            <translation>&amp;Лид</translation>
        </message>
        <message>
            <source>&amp;Log call…</source>
            <translation>&amp;Записать звонок…</translation>
        </message>
        <message>
            <source>&amp;Move to</source>
            <translation>&amp;Перевести в</translation>
        </message>
        <message>
            <source>&amp;New lead…</source>
            <translation>&amp;Новый лид…</translation>
        </message>
        <message>
            <source>&amp;Open database…</source>
            <translation>&amp;Открыть базу…</translation>
        </message>
        <message>
            <source>&amp;Open lead</source>
            <translation>&amp;Открыть лид</translation>
        </message>
        <message>
            <source>&amp;Print packet…</source>
            <translation>&amp;Пакет для пациента…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Выход</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Обновить</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>&amp;Настройки</translation>
        </message>
        <message>
            <source>&amp;Undo status change</source>
            <translation>&amp;Отменить смену статуса</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Вид</translation>
        </message>
        <message>
            <source>Add invented leads to try the app</source>
            <translation>Добавить вымышленные лиды, чтобы опробовать программу</translation>
        </message>
        <message>
            <source>Change &amp;status…</source>
            <translation>Сменить &amp;статус…</translation>
        </message>
        <message>
            <source>Close MedTour Desk</source>
            <translation>Закрыть MedTour Desk</translation>
        </message>
        <message>
            <source>Close the lead shown in the lead panel</source>
            <translation>Закрыть лид, открытый на панели</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>Сводка</translation>
        </message>
        <message>
            <source>Enter a new inquiry</source>
            <translation>Внести новое обращение</translation>
        </message>
        <message>
            <source>Every keyboard shortcut of the desk</source>
            <translation>Все сочетания клавиш программы</translation>
        </message>
        <message>
            <source>Export the leads shown in the list to a CSV file</source>
            <translation>Выгрузить лиды из списка в CSV-файл</translation>
        </message>
        <message>
            <source>Import inquiries from a CSV file (website form, another CRM)</source>
            <translation>Загрузить обращения из CSV-файла (форма на сайте, другая CRM)</translation>
        </message>
        <message>
            <source>Lead &amp;panel</source>
            <translation>&amp;Панель лидов</translation>
        </message>
        <message>
            <source>Leads</source>
            <translation>Лиды</translation>
        </message>
        <message>
            <source>Load &amp;demo data…</source>
            <translation>Загрузить &amp;демо-данные…</translation>
        </message>
        <message>
            <source>Loading the dashboard…</source>
            <translation>Загружаем сводку…</translation>
        </message>
        <message>
            <source>Log a call with the selected lead</source>
            <translation>Записать звонок выбранному лиду</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>Основная панель</translation>
        </message>
        <message>
            <source>Make the patient packet (costs and the treatment journey)</source>
            <translation>Подготовить пакет для пациента (стоимость и план лечения)</translation>
        </message>
        <message>
            <source>MedTour Desk</source>
            <translation>MedTour Desk</translation>
        </message>
        <message>
            <source>Move the selected lead to another status</source>
            <translation>Перевести выбранный лид в другой статус</translation>
        </message>
        <message>
            <source>Move the selected leads one stage back (the pipeline says where a lead may go)</source>
            <translation>Вернуть выбранные лиды на этап назад (воронка подскажет, куда можно)</translation>
        </message>
        <message>
            <source>Move the selected leads one stage forward</source>
            <translation>Перевести выбранные лиды на этап вперёд</translation>
        </message>
        <message>
            <source>Move the selected leads to {status}</source>
            <translation>Перевести выбранные лиды в «{status}»</translation>
        </message>
        <message>
            <source>Move to &amp;next stage</source>
            <translation>На &amp;следующий этап</translation>
        </message>
        <message>
            <source>Move to &amp;previous stage</source>
            <translation>На &amp;предыдущий этап</translation>
        </message>
        <message>
            <source>My &amp;profile…</source>
            <translation>Мой &amp;профиль…</translation>
        </message>
        <message>
            <source>No lead is open.
Double-click a lead (or select it and press Enter) to open it here; several leads can stay open, Ctrl+W closes the one shown.</source>
            <translation>Лид не открыт.
Дважды щёлкните лид (или выберите его и нажмите Enter), чтобы открыть его здесь; можно держать открытыми несколько, Ctrl+W закрывает текущий.</translation>
        </message>
        <message>
            <source>Open another MedTour Desk database file</source>
            <translation>Открыть другой файл базы MedTour Desk</translation>
        </message>
        <message>
            <source>Open leads</source>
            <translation>Открытые лиды</translation>
        </message>
        <message>
            <source>Open the selected lead in the lead panel</source>
            <translation>Открыть выбранный лид на панели</translation>
        </message>
        <message>
            <source>P&amp;references…</source>
            <translation>П&amp;араметры…</translation>
        </message>
        <message>
            <source>Partner &amp;catalogue…</source>
            <translation>&amp;Каталог партнёров…</translation>
        </message>
        <message>
            <source>Partner hospitals, their programs and prices (admins edit it)</source>
            <translation>Клиники-партнёры, их программы и цены (правят администраторы)</translation>
        </message>
        <message>
            <source>Pipeline</source>
            <translation>Воронка</translation>
        </message>
        <message>
            <source>Put the lead back where the last status change took it from</source>
            <translation>Вернуть лид в статус, из которого его перевели последним</translation>
        </message>
        <message>
            <source>Read the lists again</source>
            <translation>Перечитать списки</translation>
        </message>
        <message>
            <source>Search the leads</source>
            <translation>Искать лиды</translation>
        </message>
        <message>
            <source>Show {view}</source>
            <translation>Показать: {view}</translation>
        </message>
        <message>
            <source>The desk's language</source>
            <translation>Язык программы</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Сегодня</translation>
        </message>
        <message>
            <source>Version and components</source>
            <translation>Версия и компоненты</translation>
        </message>
        <message>
            <source>Your name and contact details, as packets show them</source>
            <translation>Ваше имя и контакты, как они указаны в пакетах</translation>
        </message>
    </context>
    <context>
        <name>NewLeadDialog</name>
        <message>
            <source>A name and one way to reach the person are enough; the rest can follow. A phone or email that is already on file is pointed out as you type.</source>
            <translation>Достаточно имени и одного способа связи, остальное можно добавить позже. Уже известный телефон или адрес почты подсвечивается при вводе.</translation>
        </message>
        <message>
            <source>Add it to {reference}</source>
            <translation>Добавить к {reference}</translation>
        </message>
        <message>
            <source>Already a lead</source>
            <translation>Такой лид уже есть</translation>
        </message>
        <message>
            <source>Create a separate lead</source>
            <translation>Создать отдельный лид</translation>
        </message>
        <message>
            <source>Create lead</source>
            <translation>Создать лид</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Отбросить</translation>
        </message>
        <message>
            <source>Discard this new lead?</source>
            <translation>Отбросить новый лид?</translation>
        </message>
        <message>
            <source>Inquiry</source>
            <translation>Обращение</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation>Продолжить</translation>
        </message>
        <message>
            <source>New lead</source>
            <translation>Новый лид</translation>
        </message>
        <message>
            <source>Open {reference} instead</source>
            <translation>Открыть {reference}</translation>
        </message>
        <message>
            <source>What should happen with this inquiry?</source>
            <translation>Что сделать с этим обращением?</translation>
        </message>
        <message>
            <source>What they asked, in their words (saved as the inquiry)</source>
            <translation>Что спросили, своими словами (сохранится как обращение)</translation>
        </message>
        <message>
            <source>What you typed has not been saved.</source>
            <translation>Введённое не сохранено.</translation>
        </message>
    </context>
    <context>
        <name>PacketPlanPanel</name>
        <message>
            <source> (requested; not confirmed to fit)</source>
            <translation> (запрошено; соответствие не подтверждено)</translation>
        </message>
        <message>
            <source>; one companion counted: the hospital requires one</source>
            <translation>; учтён один сопровождающий: больница его требует</translation>
        </message>
        <message>
            <source>Estimate</source>
            <translation>Смета</translation>
        </message>
        <message>
            <source>Estimate from the hospital's price ranges</source>
            <translation>Смета по ценовым диапазонам больницы</translation>
        </message>
        <message>
            <source>First steps: no program, no price yet</source>
            <translation>Первые шаги: программы и цены пока нет</translation>
        </message>
        <message>
            <source>Hospital:</source>
            <translation>Больница:</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>Статья</translation>
        </message>
        <message>
            <source>Kind:</source>
            <translation>Вид:</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Язык:</translation>
        </message>
        <message>
            <source>Patient lives:</source>
            <translation>Пациент живёт:</translation>
        </message>
        <message>
            <source>Program:</source>
            <translation>Программа:</translation>
        </message>
        <message>
            <source>Records to send</source>
            <translation>Документы для отправки</translation>
        </message>
        <message>
            <source>Signed by:</source>
            <translation>Подписывает:</translation>
        </message>
        <message>
            <source>The case's chosen quote</source>
            <translation>Выбранная смета по делу</translation>
        </message>
        <message>
            <source>Travellers:</source>
            <translation>Путешествуют:</translation>
        </message>
        <message>
            <source>What this packet is built from</source>
            <translation>Из чего собран этот пакет</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Почему</translation>
        </message>
        <message>
            <source>abroad ({country})</source>
            <translation>за границей ({country})</translation>
        </message>
        <message>
            <source>country not recorded</source>
            <translation>страна не указана</translation>
        </message>
        <message>
            <source>in the hospital's country (no visa, no interpreter)</source>
            <translation>в стране больницы (без визы и переводчика)</translation>
        </message>
        <message>
            <source>no WhatsApp number</source>
            <translation>нет номера WhatsApp</translation>
        </message>
        <message>
            <source>none proposed</source>
            <translation>не предложена</translation>
        </message>
        <message>
            <source>none yet</source>
            <translation>пока нет</translation>
        </message>
        <message>
            <source>{count} (patient and companions)</source>
            <translation>{count} (пациент и сопровождающие)</translation>
        </message>
        <message>
            <source>{count} (patient only)</source>
            <translation>{count} (только пациент)</translation>
        </message>
    </context>
    <context>
        <name>PacketPreviewDialog</name>
        <message numerus="yes">
            <source>%Ln page(s)</source>
            <translation>
                <numerusform>%Ln страница</numerusform>
                <numerusform>%Ln страницы</numerusform>
                <numerusform>%Ln страниц</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>&amp;Печать…</translation>
        </message>
        <message>
            <source>&amp;Save…</source>
            <translation>&amp;Сохранить…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Язык:</translation>
        </message>
        <message>
            <source>Lead's program</source>
            <translation>Программа лида</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Patient packet</source>
            <translation>Пакет для пациента</translation>
        </message>
        <message>
            <source>Patient's language</source>
            <translation>Язык пациента</translation>
        </message>
        <message>
            <source>Preparing the packet…</source>
            <translation>Готовим пакет…</translation>
        </message>
        <message>
            <source>Print packet</source>
            <translation>Печать пакета</translation>
        </message>
        <message>
            <source>Program:</source>
            <translation>Программа:</translation>
        </message>
        <message>
            <source>Save packet</source>
            <translation>Сохранить пакет</translation>
        </message>
        <message>
            <source>Saved to {path}</source>
            <translation>Сохранено: {path}</translation>
        </message>
        <message>
            <source>Sent to the printer</source>
            <translation>Отправлено на печать</translation>
        </message>
        <message>
            <source>The packet could not be made.</source>
            <translation>Не удалось подготовить пакет.</translation>
        </message>
        <message>
            <source>The printer could not be opened.</source>
            <translation>Не удалось открыть принтер.</translation>
        </message>
        <message>
            <source>no program proposed yet (the doctors review first)</source>
            <translation>программа пока не предложена (сначала оценка врачей)</translation>
        </message>
        <message>
            <source>{size} KB</source>
            <translation>{size} КБ</translation>
        </message>
    </context>
    <context>
        <name>PhoneField</name>
        <message>
            <source>+ Add phone</source>
            <translation>+ Телефон</translation>
        </message>
        <message>
            <source>+7 916 123-45-67 or a local number</source>
            <translation>+7 916 123-45-67 или местный номер</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>Домашний</translation>
        </message>
        <message>
            <source>Mobile</source>
            <translation>Мобильный</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Другой</translation>
        </message>
        <message>
            <source>Phone number</source>
            <translation>Номер телефона</translation>
        </message>
        <message>
            <source>Remove this phone</source>
            <translation>Удалить этот номер</translation>
        </message>
        <message>
            <source>WhatsApp</source>
            <translation>WhatsApp</translation>
        </message>
        <message>
            <source>Work</source>
            <translation>Рабочий</translation>
        </message>
        <message>
            <source>not a valid number</source>
            <translation>неверный номер</translation>
        </message>
        <message>
            <source>{problem} (kept as typed)</source>
            <translation>{problem} (сохранён как введён)</translation>
        </message>
    </context>
    <context>
        <name>PipelineView</name>
        <message>
            <source> (a reason is asked)</source>
            <translation> (нужна причина)</translation>
        </message>
        <message numerus="yes">
            <source>%Ln lead(s)</source>
            <translation>
                <numerusform>%Ln лид</numerusform>
                <numerusform>%Ln лида</numerusform>
                <numerusform>%Ln лидов</numerusform>
            </translation>
        </message>
        <message>
            <source>Drag leads onto a stage, or select them and press Ctrl+→ for the next stage; Ctrl+Z undoes the last move. Alt+←/→ shows the previous/next stage.</source>
            <translation>Перетащите лиды на этап или выберите их и нажмите Ctrl+→ — следующий этап; Ctrl+Z отменяет последний перевод. Alt+←/→ — предыдущий/следующий этап.</translation>
        </message>
        <message>
            <source>Left the pipeline:</source>
            <translation>Вышли из воронки:</translation>
        </message>
        <message numerus="yes">
            <source>New: %Ln lead(s) in status New</source>
            <translation>
                <numerusform>Новые: %Ln лид в статусе «Новый»</numerusform>
                <numerusform>Новые: %Ln лида в статусе «Новый»</numerusform>
                <numerusform>Новые: %Ln лидов в статусе «Новый»</numerusform>
            </translation>
        </message>
        <message>
            <source>Next stage</source>
            <translation>Следующий этап</translation>
        </message>
        <message>
            <source>Pipeline</source>
            <translation>Воронка</translation>
        </message>
        <message>
            <source>Previous stage</source>
            <translation>Предыдущий этап</translation>
        </message>
        <message>
            <source>{count} of them {waiting} ({means}), {contacted} contacted but not moved on</source>
            <translation>из них {count} — {waiting} ({means}), {contacted} — контакт был, но этап не сменился</translation>
        </message>
        <message numerus="yes">
            <source>{status}: %Ln lead(s), soonest follow-up first</source>
            <translation>
                <numerusform>{status}: %Ln лид, ближайшие контакты сверху</numerusform>
                <numerusform>{status}: %Ln лида, ближайшие контакты сверху</numerusform>
                <numerusform>{status}: %Ln лидов, ближайшие контакты сверху</numerusform>
            </translation>
        </message>
        <message>
            <source>{status}: click to list its leads; drop leads here to move them</source>
            <translation>{status}: нажмите, чтобы увидеть лиды; перетащите сюда лиды, чтобы перевести их</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Dates, times and numbers follow the language's own conventions.</source>
            <translation>Даты, время и числа записываются по правилам выбранного языка.</translation>
        </message>
        <message>
            <source>Language of the desk</source>
            <translation>Язык программы</translation>
        </message>
        <message>
            <source>Preferences</source>
            <translation>Параметры</translation>
        </message>
        <message>
            <source>System language ({language})</source>
            <translation>Язык системы ({language})</translation>
        </message>
        <message>
            <source>The new language applies when MedTour Desk is started again.</source>
            <translation>Новый язык вступит в силу после перезапуска MedTour Desk.</translation>
        </message>
    </context>
    <context>
        <name>StatusDialog</name>
        <message>
            <source>  (needs a reason)</source>
            <translation>  (нужна причина)</translation>
        </message>
        <message>
            <source>Before '{status}':</source>
            <translation>Перед «{status}»:</translation>
        </message>
        <message>
            <source>Change status</source>
            <translation>Сменить статус</translation>
        </message>
        <message>
            <source>Change status — {reference}</source>
            <translation>Смена статуса — {reference}</translation>
        </message>
        <message>
            <source>Move to</source>
            <translation>Перевести в</translation>
        </message>
        <message>
            <source>Now: {status}</source>
            <translation>Сейчас: {status}</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>Необязательно</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Причина</translation>
        </message>
        <message>
            <source>Required: choose or type why</source>
            <translation>Обязательно: выберите или впишите причину</translation>
        </message>
    </context>
    <context>
        <name>StatusMoves</name>
        <message>
            <source>A lead at {where} has no next stage; it may move to: {options}.</source>
            <translation>У лида на этапе {where} нет следующего этапа; возможны: {options}.</translation>
        </message>
        <message>
            <source>A lead at {where} has no previous stage; it may move to: {options}.</source>
            <translation>У лида на этапе {where} нет предыдущего этапа; возможны: {options}.</translation>
        </message>
        <message>
            <source>Move refused</source>
            <translation>Перевод отклонён</translation>
        </message>
        <message>
            <source>Move to {status}</source>
            <translation>Перевод в «{status}»</translation>
        </message>
        <message>
            <source>No status change was made in this window; select a lead to undo its last change.</source>
            <translation>В этом окне статус не меняли; выберите лид, чтобы отменить его последнюю смену.</translation>
        </message>
        <message>
            <source>Nothing to undo</source>
            <translation>Нечего отменять</translation>
        </message>
        <message>
            <source>Some moves refused</source>
            <translation>Часть переводов отклонена</translation>
        </message>
        <message numerus="yes">
            <source>Why are these %Ln leads '{status}'?</source>
            <translation>
                <numerusform>Почему %Ln лид — «{status}»?</numerusform>
                <numerusform>Почему эти %Ln лида — «{status}»?</numerusform>
                <numerusform>Почему эти %Ln лидов — «{status}»?</numerusform>
            </translation>
        </message>
        <message>
            <source>Why is this lead '{status}'?</source>
            <translation>Почему этот лид — «{status}»?</translation>
        </message>
        <message>
            <source>the end of the pipeline</source>
            <translation>в конце воронки</translation>
        </message>
    </context>
    <context>
        <name>TodayModel</name>
        <message>
            <source>Coordinator</source>
            <translation>Координатор</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Страна</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Срок</translation>
        </message>
        <message>
            <source>Due {when} (your time)</source>
            <translation>Срок {when} (ваше время)</translation>
        </message>
        <message>
            <source>Local time</source>
            <translation>Местное время</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Имя</translation>
        </message>
        <message>
            <source>No time zone known for this phone</source>
            <translation>Часовой пояс этого номера неизвестен</translation>
        </message>
        <message>
            <source>Outside 09:00–20:00 there; morning in {wait}</source>
            <translation>Там вне 09:00–20:00; утро через {wait}</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Телефон</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Номер</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Статус</translation>
        </message>
        <message>
            <source>Status: {status}</source>
            <translation>Статус: {status}</translation>
        </message>
        <message>
            <source>The phone's country spans several time zones; it is working hours in some of them</source>
            <translation>Страна номера лежит в нескольких часовых поясах; в части из них сейчас рабочее время</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Ждёт</translation>
        </message>
        <message>
            <source>Waiting longer than the team's first-response target ({target})</source>
            <translation>Ждёт дольше целевого срока первого ответа ({target})</translation>
        </message>
        <message>
            <source>Waiting more than 2 hours for a first contact</source>
            <translation>Ждёт первого контакта больше 2 часов</translation>
        </message>
        <message>
            <source>Waiting more than 24 hours for a first contact</source>
            <translation>Ждёт первого контакта больше 24 часов</translation>
        </message>
        <message>
            <source>Working hours there: {left} left today</source>
            <translation>Там рабочее время: осталось {left}</translation>
        </message>
        <message>
            <source>{waited} — past the {target} target</source>
            <translation>{waited} — дольше цели {target}</translation>
        </message>
    </context>
    <context>
        <name>TodayView</name>
        <message>
            <source> ({count} overdue)</source>
            <translation> ({count} просрочено)</translation>
        </message>
        <message>
            <source> · {count} can be called now</source>
            <translation> · {count} можно звонить сейчас</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) overdue</source>
            <translation>
                <numerusform>просрочено на %n день</numerusform>
                <numerusform>просрочено на %n дня</numerusform>
                <numerusform>просрочено на %n дней</numerusform>
            </translation>
        </message>
        <message>
            <source>({red} over 24 h, {amber} over 2 h)</source>
            <translation>({red} больше 24 ч, {amber} больше 2 ч)</translation>
        </message>
        <message>
            <source>Case reminders</source>
            <translation>Напоминания по делам</translation>
        </message>
        <message>
            <source>Case reminders: {count}</source>
            <translation>Напоминания по делам: {count}</translation>
        </message>
        <message>
            <source>Could not load today's calls</source>
            <translation>Не удалось загрузить звонки на сегодня</translation>
        </message>
        <message>
            <source>Everyone's calls</source>
            <translation>Звонки всех</translation>
        </message>
        <message>
            <source>Follow-ups due</source>
            <translation>Запланированные контакты</translation>
        </message>
        <message>
            <source>Follow-ups due: {count}</source>
            <translation>Контакты на сегодня: {count}</translation>
        </message>
        <message>
            <source>In call order: first the patients in working hours now (green dot) — whose day ends soonest first — then countries where only some zones are (half dot), then those asleep (grey ring), by how soon their morning comes.</source>
            <translation>В порядке звонков: сначала пациенты, у которых сейчас рабочее время (зелёная точка), — раньше те, у кого день кончается скорее; затем страны, где рабочее время лишь в части поясов (половина точки); затем те, у кого ночь (серое кольцо), — по тому, как скоро у них утро.</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Загрузка…</translation>
        </message>
        <message>
            <source>My Today</source>
            <translation>Мой день</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Обновить</translation>
        </message>
        <message>
            <source>Reload the lists (F5)</source>
            <translation>Перечитать списки (F5)</translation>
        </message>
        <message>
            <source>Tasks of the patients' treatment schedules: double-click to open the case</source>
            <translation>Задачи из графиков лечения пациентов: дважды щёлкните, чтобы открыть дело</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Сегодня</translation>
        </message>
        <message>
            <source>Unassigned inquiries (the pool)</source>
            <translation>Обращения без координатора (общий пул)</translation>
        </message>
        <message>
            <source>as of {time}</source>
            <translation>на {time}</translation>
        </message>
        <message numerus="yes">
            <source>due in %n day(s)</source>
            <translation>
                <numerusform>через %n день</numerusform>
                <numerusform>через %n дня</numerusform>
                <numerusform>через %n дней</numerusform>
            </translation>
        </message>
        <message>
            <source>due today</source>
            <translation>срок сегодня</translation>
        </message>
        <message>
            <source>{count} older — show them in the list</source>
            <translation>ещё {count} более давних — показать в списке</translation>
        </message>
        <message>
            <source>{name}'s calls</source>
            <translation>Звонки: {name}</translation>
        </message>
        <message>
            <source>· {count} listed from the last {days} days</source>
            <translation>· {count} за последние {days} дн.</translation>
        </message>
        <message>
            <source>· {count} past the {target} first-response target</source>
            <translation>· {count} дольше цели первого ответа ({target})</translation>
        </message>
    </context>
</TS>
