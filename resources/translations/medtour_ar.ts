<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About MedTour Desk</source>
            <translation>حول MedTour Desk</translation>
        </message>
    </context>
    <context>
        <name>CaseHeader</name>
        <message>
            <source>, night</source>
            <translation>، ليلًا</translation>
        </message>
        <message>
            <source>assigned to {name}</source>
            <translation>المسؤول: {name}</translation>
        </message>
        <message>
            <source>chosen by {name}</source>
            <translation>اختاره {name}</translation>
        </message>
        <message>
            <source>chosen when entered</source>
            <translation>اختير عند الإدخال</translation>
        </message>
        <message>
            <source>entered by {name}</source>
            <translation>أدخله {name}</translation>
        </message>
        <message>
            <source>follow-up {when}</source>
            <translation>المتابعة {when}</translation>
        </message>
        <message>
            <source>inquiry {date}</source>
            <translation>الاستفسار {date}</translation>
        </message>
        <message>
            <source>next in turn</source>
            <translation>التالي في الدور</translation>
        </message>
        <message>
            <source>no follow-up set</source>
            <translation>لا متابعة محددة</translation>
        </message>
        <message>
            <source>reassigned</source>
            <translation>أعيد إسناده</translation>
        </message>
        <message>
            <source>reassigned by {name}</source>
            <translation>أعاد إسناده {name}</translation>
        </message>
        <message>
            <source>the only coordinator</source>
            <translation>المنسق الوحيد</translation>
        </message>
        <message>
            <source>waiting in the pool: no active coordinator</source>
            <translation>بانتظار في المجمّع: لا يوجد منسق نشط</translation>
        </message>
    </context>
    <context>
        <name>CountryPicker</name>
        <message>
            <source>Type to search: Russia, UAE, 中国…</source>
            <translation>اكتب للبحث: روسيا، الإمارات، 中国…</translation>
        </message>
    </context>
    <context>
        <name>DashboardView</name>
        <message>
            <source> Your own row: the team sees only its own leads.</source>
            <translation> صفّك فقط: يرى كل عضو في الفريق عملاءه فقط.</translation>
        </message>
        <message>
            <source> · {count} leads in other countries or without one</source>
            <translation> · {count} من العملاء في دول أخرى أو بلا دولة</translation>
        </message>
        <message>
            <source>, {count} older</source>
            <translation>، و{count} أقدم</translation>
        </message>
        <message>
            <source>A follow-up is on time when a contact is logged after it was set and before its day ends (your time zone). Click to list the leads with late follow-ups.</source>
            <translation>تُعد المتابعة في وقتها إذا سُجّل تواصل بعد تحديدها وقبل انتهاء يومها (بتوقيتك). انقر لعرض العملاء ذوي المتابعات المتأخرة.</translation>
        </message>
        <message>
            <source>A lead reached a stage when its history records a move into it; click a bar to list those leads</source>
            <translation>يبلغ العميل مرحلةً عندما يسجّل سجلُّه انتقالًا إليها؛ انقر على عمود لعرض هؤلاء العملاء</translation>
        </message>
        <message>
            <source>All leads</source>
            <translation>كل العملاء</translation>
        </message>
        <message>
            <source>By coordinator</source>
            <translation>حسب المنسق</translation>
        </message>
        <message>
            <source>Charts</source>
            <translation>الرسوم البيانية</translation>
        </message>
        <message>
            <source>Click a bar to list that country's leads</source>
            <translation>انقر على عمود لعرض عملاء تلك الدولة</translation>
        </message>
        <message>
            <source>Click a bar to list the leads lost for that reason</source>
            <translation>انقر على عمود لعرض العملاء المفقودين لهذا السبب</translation>
        </message>
        <message>
            <source>Click a bar to list those inquiries</source>
            <translation>انقر على عمود لعرض هذه الاستفسارات</translation>
        </message>
        <message>
            <source>Contacted within {hours} h (last 30 days)</source>
            <translation>تم التواصل خلال {hours} س (آخر 30 يومًا)</translation>
        </message>
        <message>
            <source>Conversion (to booked)</source>
            <translation>التحويل (حتى الحجز)</translation>
        </message>
        <message>
            <source>Conversion: leads that reached each stage</source>
            <translation>التحويل: العملاء الذين بلغوا كل مرحلة</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>المنسق</translation>
        </message>
        <message>
            <source>Could not load the numbers</source>
            <translation>تعذّر تحميل الأرقام</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>لوحة المؤشرات</translation>
        </message>
        <message>
            <source>Each lead counts for the coordinator it is assigned to now. Median time to first contact, follow-ups on time and conversion are over the last 30 days; the pool is the leads assigned to nobody.</source>
            <translation>يُحتسب كل عميل للمنسق المكلّف به حاليًا. الوسيط حتى أول تواصل والمتابعات في وقتها والتحويل محسوبة لآخر 30 يومًا؛ والمجموعة المشتركة هي العملاء غير المكلّف بهم أحد.</translation>
        </message>
        <message>
            <source>Follow-ups done on time (due in the last 30 days)</source>
            <translation>متابعات في وقتها (المستحقة في آخر 30 يومًا)</translation>
        </message>
        <message>
            <source>Follow-ups due in the last 30 days done on time: a contact logged after the follow-up was set and before its day ended (your time zone)</source>
            <translation>المتابعات المستحقة في آخر 30 يومًا والمنجزة في وقتها: تواصل سُجّل بعد تحديد المتابعة وقبل انتهاء يومها (بتوقيتك)</translation>
        </message>
        <message>
            <source>Follow-ups on time</source>
            <translation>المتابعات في وقتها</translation>
        </message>
        <message>
            <source>Inquiries of the last 30 days: from the inquiry to the first call, email or message</source>
            <translation>استفسارات آخر 30 يومًا: من الاستفسار حتى أول مكالمة أو بريد أو رسالة</translation>
        </message>
        <message>
            <source>Inquiries per week, by source</source>
            <translation>الاستفسارات أسبوعيًا حسب المصدر</translation>
        </message>
        <message>
            <source>Late follow-ups (30 days)</source>
            <translation>متابعات متأخرة (30 يومًا)</translation>
        </message>
        <message>
            <source>Leads</source>
            <translation>العملاء</translation>
        </message>
        <message>
            <source>Leads assigned to them in an open status (not lost, not completed)</source>
            <translation>العملاء المكلّفون بهم في حالة مفتوحة (غير مفقودين ولا مكتملين)</translation>
        </message>
        <message>
            <source>Leads by country</source>
            <translation>العملاء حسب الدولة</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>جارٍ التحميل…</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>مفقود</translation>
        </message>
        <message>
            <source>Lost: {reason}</source>
            <translation>مفقود: {reason}</translation>
        </message>
        <message>
            <source>Median time to first contact</source>
            <translation>الوسيط حتى أول تواصل</translation>
        </message>
        <message>
            <source>Median time to first contact (inquiries of the last 30 days)</source>
            <translation>الوسيط حتى أول تواصل (استفسارات آخر 30 يومًا)</translation>
        </message>
        <message>
            <source>New leads nobody has contacted yet, however old</source>
            <translation>عملاء جدد لم يتواصل معهم أحد بعد، مهما كان عمرهم</translation>
        </message>
        <message>
            <source>Of the leads whose inquiry arrived in the last 30 days, how many reached Booked</source>
            <translation>نسبة العملاء الذين وصل استفسارهم في آخر 30 يومًا وبلغوا مرحلة الحجز</translation>
        </message>
        <message>
            <source>Open Today: new inquiries by waiting time</source>
            <translation>فتح «اليوم»: الاستفسارات الجديدة حسب مدة الانتظار</translation>
        </message>
        <message>
            <source>Open leads</source>
            <translation>العملاء المفتوحون</translation>
        </message>
        <message>
            <source>Reached {status}</source>
            <translation>بلغوا «{status}»</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>تحديث</translation>
        </message>
        <message>
            <source>Show all leads</source>
            <translation>عرض كل العملاء</translation>
        </message>
        <message>
            <source>Time from the inquiry to the first call, email or message; inquiries still waiting are counted in the card beside it</source>
            <translation>المدة من الاستفسار حتى أول مكالمة أو بريد أو رسالة؛ الاستفسارات التي ما زالت تنتظر محسوبة في البطاقة المجاورة</translation>
        </message>
        <message>
            <source>Waiting for first contact</source>
            <translation>بانتظار أول تواصل</translation>
        </message>
        <message>
            <source>Why leads were lost</source>
            <translation>أسباب فقدان العملاء</translation>
        </message>
        <message>
            <source>as of {time}</source>
            <translation>حتى {time}</translation>
        </message>
        <message>
            <source>over {count} contacted inquiries</source>
            <translation>على {count} من الاستفسارات التي تم التواصل معها</translation>
        </message>
        <message>
            <source>{count} of the {total} inquiries in 30 days</source>
            <translation>{count} من {total} استفسارًا خلال 30 يومًا</translation>
        </message>
        <message>
            <source>{count} open</source>
            <translation>{count} مفتوح</translation>
        </message>
        <message>
            <source>{part} of {whole}</source>
            <translation>{part} من {whole}</translation>
        </message>
        <message>
            <source>{part} of {whole} · {late} late</source>
            <translation>{part} من {whole} · {late} متأخرة</translation>
        </message>
        <message>
            <source>{share}  ({part} of {whole})</source>
            <translation>{share}  ({part} من {whole})</translation>
        </message>
        <message>
            <source>{source}, week of {week}</source>
            <translation>{source}، أسبوع {week}</translation>
        </message>
    </context>
    <context>
        <name>Domain</name>
        <message>
            <source>Accommodation booking</source>
            <translation>حجز السكن</translation>
        </message>
        <message>
            <source>Active infection or organ failure</source>
            <translation>عدوى نشطة أو فشل عضوي</translation>
        </message>
        <message>
            <source>Aftercare</source>
            <translation>المتابعة بعد العلاج</translation>
        </message>
        <message>
            <source>Airport pickup</source>
            <translation>الاستقبال في المطار</translation>
        </message>
        <message>
            <source>Autoimmune</source>
            <translation>مناعي ذاتي</translation>
        </message>
        <message>
            <source>Booked</source>
            <translation>محجوز</translation>
        </message>
        <message>
            <source>Budget</source>
            <translation>الميزانية</translation>
        </message>
        <message>
            <source>Budget currency</source>
            <translation>عملة الميزانية</translation>
        </message>
        <message>
            <source>Busy</source>
            <translation>مشغول</translation>
        </message>
        <message>
            <source>Call-back requested</source>
            <translation>طلب معاودة الاتصال</translation>
        </message>
        <message>
            <source>Cannot travel</source>
            <translation>لا يستطيع السفر</translation>
        </message>
        <message>
            <source>Case update</source>
            <translation>تحديث الحالة</translation>
        </message>
        <message>
            <source>Chose another provider</source>
            <translation>اختار جهة أخرى</translation>
        </message>
        <message>
            <source>Companions</source>
            <translation>المرافقون</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>مكتمل</translation>
        </message>
        <message>
            <source>Consent given by</source>
            <translation>طريقة الموافقة</translation>
        </message>
        <message>
            <source>Consent to store health data</source>
            <translation>الموافقة على حفظ البيانات الصحية</translation>
        </message>
        <message>
            <source>Contacted</source>
            <translation>تم التواصل</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>المنسق</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>الدولة</translation>
        </message>
        <message>
            <source>Decision pending</source>
            <translation>بانتظار القرار</translation>
        </message>
        <message>
            <source>Diagnosis</source>
            <translation>التشخيص</translation>
        </message>
        <message>
            <source>Diagnosis category</source>
            <translation>فئة التشخيص</translation>
        </message>
        <message>
            <source>Diagnosis not treatable with our programs</source>
            <translation>التشخيص غير قابل للعلاج ببرامجنا</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>مكرر</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>البريد الإلكتروني</translation>
        </message>
        <message>
            <source>Email received</source>
            <translation>بريد وارد</translation>
        </message>
        <message>
            <source>Email sent</source>
            <translation>بريد مُرسل</translation>
        </message>
        <message>
            <source>Flight booking</source>
            <translation>حجز الطيران</translation>
        </message>
        <message>
            <source>In 3 days</source>
            <translation>بعد 3 أيام</translation>
        </message>
        <message>
            <source>In person</source>
            <translation>شخصيًا</translation>
        </message>
        <message>
            <source>In treatment</source>
            <translation>قيد العلاج</translation>
        </message>
        <message>
            <source>Incoming call</source>
            <translation>مكالمة واردة</translation>
        </message>
        <message>
            <source>Inquiry received</source>
            <translation>استفسار وارد</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>اللغة</translation>
        </message>
        <message>
            <source>Leukemia</source>
            <translation>ابيضاض الدم</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>مفقود</translation>
        </message>
        <message>
            <source>Lymphoma</source>
            <translation>لمفوما</translation>
        </message>
        <message>
            <source>Medical records deadline</source>
            <translation>الموعد النهائي للسجلات الطبية</translation>
        </message>
        <message>
            <source>Medical review</source>
            <translation>المراجعة الطبية</translation>
        </message>
        <message>
            <source>Meeting</source>
            <translation>اجتماع</translation>
        </message>
        <message>
            <source>Message received</source>
            <translation>رسالة واردة</translation>
        </message>
        <message>
            <source>Message sent</source>
            <translation>رسالة مُرسلة</translation>
        </message>
        <message>
            <source>Messengers</source>
            <translation>تطبيقات المراسلة</translation>
        </message>
        <message>
            <source>Multiple myeloma</source>
            <translation>الورم النقوي المتعدد</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>الاسم</translation>
        </message>
        <message>
            <source>Name in Latin letters</source>
            <translation>الاسم بالأحرف اللاتينية</translation>
        </message>
        <message>
            <source>New</source>
            <translation>جديد</translation>
        </message>
        <message>
            <source>Next follow-up</source>
            <translation>المتابعة التالية</translation>
        </message>
        <message>
            <source>Next week</source>
            <translation>الأسبوع القادم</translation>
        </message>
        <message>
            <source>No answer</source>
            <translation>لا رد</translation>
        </message>
        <message>
            <source>No response after follow-ups</source>
            <translation>لا رد بعد المتابعات</translation>
        </message>
        <message>
            <source>Not eligible</source>
            <translation>غير مؤهل</translation>
        </message>
        <message>
            <source>Not interested</source>
            <translation>غير مهتم</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>ملاحظة</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>أخرى</translation>
        </message>
        <message>
            <source>Outgoing call</source>
            <translation>مكالمة صادرة</translation>
        </message>
        <message>
            <source>Packet sent</source>
            <translation>أُرسلت الحزمة</translation>
        </message>
        <message>
            <source>Patient passed away</source>
            <translation>توفي المريض</translation>
        </message>
        <message>
            <source>Performance status too low</source>
            <translation>الحالة الوظيفية منخفضة جدًا</translation>
        </message>
        <message>
            <source>Phone call</source>
            <translation>مكالمة هاتفية</translation>
        </message>
        <message>
            <source>Phones</source>
            <translation>الهواتف</translation>
        </message>
        <message>
            <source>Post</source>
            <translation>البريد</translation>
        </message>
        <message>
            <source>Prior CAR-T failure without new target</source>
            <translation>فشل سابق لعلاج CAR-T دون هدف جديد</translation>
        </message>
        <message>
            <source>Program</source>
            <translation>البرنامج</translation>
        </message>
        <message>
            <source>Qualified</source>
            <translation>مؤهَّل</translation>
        </message>
        <message>
            <source>Quote sent</source>
            <translation>أُرسل عرض السعر</translation>
        </message>
        <message>
            <source>Reached</source>
            <translation>تم الوصول</translation>
        </message>
        <message>
            <source>Records received</source>
            <translation>استُلمت السجلات</translation>
        </message>
        <message>
            <source>SMS</source>
            <translation>رسالة نصية</translation>
        </message>
        <message>
            <source>Solid tumour</source>
            <translation>ورم صلب</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>المصدر</translation>
        </message>
        <message>
            <source>Telegram</source>
            <translation>تيليجرام</translation>
        </message>
        <message>
            <source>Time zone</source>
            <translation>المنطقة الزمنية</translation>
        </message>
        <message>
            <source>Tomorrow</source>
            <translation>غدًا</translation>
        </message>
        <message>
            <source>Too expensive</source>
            <translation>مكلف جدًا</translation>
        </message>
        <message>
            <source>Treated at home</source>
            <translation>يتعالج في بلده</translation>
        </message>
        <message>
            <source>Unreachable</source>
            <translation>تعذّر الوصول</translation>
        </message>
        <message>
            <source>Visa application</source>
            <translation>طلب التأشيرة</translation>
        </message>
        <message>
            <source>VoIP</source>
            <translation>اتصال عبر الإنترنت</translation>
        </message>
        <message>
            <source>Voicemail</source>
            <translation>البريد الصوتي</translation>
        </message>
        <message>
            <source>Waiting for a first contact</source>
            <translation>بانتظار أول تواصل</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>وي تشات</translation>
        </message>
        <message>
            <source>WhatsApp</source>
            <translation>واتساب</translation>
        </message>
        <message>
            <source>Why assigned</source>
            <translation>سبب التكليف</translation>
        </message>
        <message>
            <source>Wrong number</source>
            <translation>رقم خاطئ</translation>
        </message>
        <message>
            <source>everyone's</source>
            <translation>للجميع</translation>
        </message>
        <message>
            <source>fixed line</source>
            <translation>خط أرضي</translation>
        </message>
        <message>
            <source>fixed line or mobile</source>
            <translation>أرضي أو جوال</translation>
        </message>
        <message>
            <source>mobile</source>
            <translation>جوال</translation>
        </message>
        <message>
            <source>new leads with no call, message or email logged yet, however old</source>
            <translation>عملاء جدد لم يُسجَّل لهم أي اتصال أو رسالة أو بريد بعد، مهما كان عمرهم</translation>
        </message>
        <message>
            <source>pager</source>
            <translation>جهاز نداء</translation>
        </message>
        <message>
            <source>personal number</source>
            <translation>رقم شخصي</translation>
        </message>
        <message>
            <source>premium rate</source>
            <translation>بتعرفة مميزة</translation>
        </message>
        <message>
            <source>shared cost</source>
            <translation>تكلفة مشتركة</translation>
        </message>
        <message>
            <source>toll free</source>
            <translation>مجاني</translation>
        </message>
        <message>
            <source>universal access number</source>
            <translation>رقم وصول موحّد</translation>
        </message>
        <message>
            <source>voicemail</source>
            <translation>بريد صوتي</translation>
        </message>
        <message>
            <source>yours and the pool's</source>
            <translation>لك وللمجموعة المشتركة</translation>
        </message>
    </context>
    <context>
        <name>DuplicateBanner</name>
        <message>
            <source>Hide this warning</source>
            <translation>إخفاء هذا التنبيه</translation>
        </message>
        <message>
            <source>Merge…</source>
            <translation>دمج…</translation>
        </message>
    </context>
    <context>
        <name>Duration</name>
        <message>
            <source>just now</source>
            <translation>الآن</translation>
        </message>
        <message>
            <source>{days} d</source>
            <translation>{days} ي</translation>
        </message>
        <message>
            <source>{days} d {hours} h</source>
            <translation>{days} ي {hours} س</translation>
        </message>
        <message>
            <source>{hours} h</source>
            <translation>{hours} س</translation>
        </message>
        <message>
            <source>{hours} h {minutes} min</source>
            <translation>{hours} س {minutes} د</translation>
        </message>
        <message>
            <source>{minutes} min</source>
            <translation>{minutes} د</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export failed</source>
            <translation>فشل التصدير</translation>
        </message>
        <message>
            <source>Export finished</source>
            <translation>اكتمل التصدير</translation>
        </message>
    </context>
    <context>
        <name>FirstRunDialog</name>
        <message>
            <source>. Choose again.</source>
            <translation>. اختر مرة أخرى.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <source>Creating {count} demo leads…</source>
            <translation>جارٍ إنشاء {count} عميل تجريبي…</translation>
        </message>
        <message>
            <source>Invented patients from many countries and scripts, with calls and follow-ups; they can be told apart by their example.* email addresses</source>
            <translation>مرضى وهميون من دول وكتابات كثيرة، مع مكالمات ومتابعات؛ يمكن تمييزهم بعناوين بريدهم example.*</translation>
        </message>
        <message>
            <source>MedTour Desk databases (*.db *.sqlite);;All files (*)</source>
            <translation>قواعد بيانات MedTour Desk (*.db *.sqlite);;كل الملفات (*)</translation>
        </message>
        <message>
            <source>MedTour Desk keeps your agency's inquiries — patients and families asking about CAR T-cell therapy in China — with every call, follow-up and status, so nobody waits and nobody is forgotten.

There is no database on this computer yet. It will be created here, readable by your user only:
{path}</source>
            <translation>يحفظ MedTour Desk استفسارات وكالتك — مرضى وعائلات يسألون عن العلاج بخلايا CAR-T في الصين — مع كل مكالمة ومتابعة وحالة، فلا ينتظر أحد ولا يُنسى أحد.

لا توجد قاعدة بيانات على هذا الحاسوب بعد. ستُنشأ هنا، ولا يقرؤها إلا مستخدمك:
{path}</translation>
        </message>
        <message>
            <source>Open a MedTour Desk database</source>
            <translation>فتح قاعدة بيانات MedTour Desk</translation>
        </message>
        <message>
            <source>Open an existing database…</source>
            <translation>فتح قاعدة بيانات موجودة…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>إنهاء</translation>
        </message>
        <message>
            <source>Start with an empty database</source>
            <translation>البدء بقاعدة بيانات فارغة</translation>
        </message>
        <message>
            <source>Try it with {count} demo leads</source>
            <translation>جرّبه مع {count} عميل تجريبي</translation>
        </message>
        <message>
            <source>Welcome to MedTour Desk</source>
            <translation>مرحبًا بك في MedTour Desk</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message numerus="yes">
            <source> — %Ln row(s) in all.</source>
            <translation>
                <numerusform> — لا صفوف.</numerusform>
                <numerusform> — صف واحد إجمالًا.</numerusform>
                <numerusform> — صفان إجمالًا.</numerusform>
                <numerusform> — %Ln صفوف إجمالًا.</numerusform>
                <numerusform> — %Ln صفًا إجمالًا.</numerusform>
                <numerusform> — %Ln صف إجمالًا.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln duplicate(s) (added to the existing lead)</source>
            <translation>
                <numerusform>لا مكررات (تُضاف إلى العميل الموجود)</numerusform>
                <numerusform>مكرر واحد (أُضيف إلى العميل الموجود)</numerusform>
                <numerusform>مكرران (أُضيفا إلى العميل الموجود)</numerusform>
                <numerusform>%Ln مكررات (أُضيفت إلى العميل الموجود)</numerusform>
                <numerusform>%Ln مكررًا (أُضيفت إلى العميل الموجود)</numerusform>
                <numerusform>%Ln مكرر (أُضيفت إلى العميل الموجود)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln imported</source>
            <translation>
                <numerusform>لم يُستورد شيء</numerusform>
                <numerusform>استُورد واحد</numerusform>
                <numerusform>استُورد اثنان</numerusform>
                <numerusform>استُورد %Ln</numerusform>
                <numerusform>استُورد %Ln</numerusform>
                <numerusform>استُورد %Ln</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln rejected</source>
            <translation>
                <numerusform>لا مرفوضات</numerusform>
                <numerusform>رُفض واحد</numerusform>
                <numerusform>رُفض اثنان</numerusform>
                <numerusform>رُفض %Ln</numerusform>
                <numerusform>رُفض %Ln</numerusform>
                <numerusform>رُفض %Ln</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln warning(s)</source>
            <translation>
                <numerusform>لا تحذيرات</numerusform>
                <numerusform>تحذير واحد</numerusform>
                <numerusform>تحذيران</numerusform>
                <numerusform>%Ln تحذيرات</numerusform>
                <numerusform>%Ln تحذيرًا</numerusform>
                <numerusform>%Ln تحذير</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln would be imported</source>
            <translation>
                <numerusform>لن يُستورد شيء</numerusform>
                <numerusform>سيُستورد واحد</numerusform>
                <numerusform>سيُستورد اثنان</numerusform>
                <numerusform>سيُستورد %Ln</numerusform>
                <numerusform>سيُستورد %Ln</numerusform>
                <numerusform>سيُستورد %Ln</numerusform>
            </translation>
        </message>
        <message>
            <source>/path/to/inquiries.csv</source>
            <translation>/المسار/إلى/inquiries.csv</translation>
        </message>
        <message>
            <source>A CSV export from the website form, a spreadsheet or another CRM.</source>
            <translation>ملف CSV مُصدَّر من نموذج الموقع أو جدول بيانات أو نظام CRM آخر.</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>استعراض…</translation>
        </message>
        <message>
            <source>Budget</source>
            <translation>الميزانية</translation>
        </message>
        <message>
            <source>CSV (*.csv);;JSON (*.json)</source>
            <translation>CSV (*.csv);;JSON (*.json)</translation>
        </message>
        <message>
            <source>CSV files (*.csv *.txt);;All files (*)</source>
            <translation>ملفات CSV (*.csv *.txt);;كل الملفات (*)</translation>
        </message>
        <message>
            <source>Cancelled: nothing was imported.</source>
            <translation>أُلغي: لم يُستورد شيء.</translation>
        </message>
        <message>
            <source>Check the file</source>
            <translation>فحص الملف</translation>
        </message>
        <message>
            <source>Checking every row…</source>
            <translation>جارٍ فحص كل صف…</translation>
        </message>
        <message>
            <source>Choose the file</source>
            <translation>اختيار الملف</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>العمود في الملف</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>المنسق</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>مكرر</translation>
        </message>
        <message>
            <source>Each column's field was guessed from its header. Correct any guess; columns set to “ignore” are left out.</source>
            <translation>خُمّن حقل كل عمود من عنوانه. صحّح أي تخمين؛ الأعمدة المضبوطة على «تجاهل» تُستبعد.</translation>
        </message>
        <message>
            <source>Encoding</source>
            <translation>الترميز</translation>
        </message>
        <message>
            <source>Every row was checked without writing anything.</source>
            <translation>فُحص كل صف دون كتابة أي شيء.</translation>
        </message>
        <message>
            <source>File to import</source>
            <translation>الملف المراد استيراده</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>الاسم الأول</translation>
        </message>
        <message>
            <source>First values</source>
            <translation>القيم الأولى</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>استيراد</translation>
        </message>
        <message numerus="yes">
            <source>Import %Ln lead(s)</source>
            <translation>
                <numerusform>لا عملاء للاستيراد</numerusform>
                <numerusform>استيراد عميل واحد</numerusform>
                <numerusform>استيراد عميلين</numerusform>
                <numerusform>استيراد %Ln عملاء</numerusform>
                <numerusform>استيراد %Ln عميلًا</numerusform>
                <numerusform>استيراد %Ln عميل</numerusform>
            </translation>
        </message>
        <message>
            <source>Import inquiries</source>
            <translation>استيراد الاستفسارات</translation>
        </message>
        <message>
            <source>Imported</source>
            <translation>مستورد</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>جارٍ الاستيراد…</translation>
        </message>
        <message>
            <source>Importing… (Cancel in the progress window writes nothing)</source>
            <translation>جارٍ الاستيراد… (الإلغاء في نافذة التقدم لا يكتب شيئًا)</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>اسم العائلة</translation>
        </message>
        <message>
            <source>Lead</source>
            <translation>العميل</translation>
        </message>
        <message>
            <source>Lead field</source>
            <translation>حقل العميل</translation>
        </message>
        <message>
            <source>Match the columns</source>
            <translation>مطابقة الأعمدة</translation>
        </message>
        <message>
            <source>Message (the inquiry)</source>
            <translation>الرسالة (الاستفسار)</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>الاسم</translation>
        </message>
        <message>
            <source>Nothing was imported: {error}</source>
            <translation>لم يُستورد شيء: {error}</translation>
        </message>
        <message>
            <source>One transaction: every row below is in the database, or none is.</source>
            <translation>معاملة واحدة: إما أن تكون كل الصفوف أدناه في قاعدة البيانات أو لا يكون أيٌّ منها.</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>النتيجة</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>الهاتف</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>السبب</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>مرفوض</translation>
        </message>
        <message>
            <source>Report not saved</source>
            <translation>لم يُحفظ التقرير</translation>
        </message>
        <message>
            <source>Report saved to {path}.</source>
            <translation>حُفظ التقرير في {path}.</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>الصف</translation>
        </message>
        <message>
            <source>Save report…</source>
            <translation>حفظ التقرير…</translation>
        </message>
        <message>
            <source>Save the import report</source>
            <translation>حفظ تقرير الاستيراد</translation>
        </message>
        <message>
            <source>Second phone</source>
            <translation>هاتف ثانٍ</translation>
        </message>
        <message>
            <source>Submitted at</source>
            <translation>وقت الإرسال</translation>
        </message>
        <message>
            <source>Telegram</source>
            <translation>تيليجرام</translation>
        </message>
        <message>
            <source>The encoding could not be told for sure. Pick the line where the text reads right, then confirm below the table.</source>
            <translation>تعذّر تحديد الترميز بيقين. اختر السطر الذي يُقرأ نصه صحيحًا، ثم أكّد أسفل الجدول.</translation>
        </message>
        <message>
            <source>The encoding is {encoding}; change it only if the table looks garbled.</source>
            <translation>الترميز هو {encoding}؛ غيّره فقط إذا بدا الجدول مشوّهًا.</translation>
        </message>
        <message>
            <source>The file cannot be read as {encoding}: {error}</source>
            <translation>تعذّرت قراءة الملف بترميز {encoding}: {error}</translation>
        </message>
        <message>
            <source>The file could not be checked: {error}</source>
            <translation>تعذّر فحص الملف: {error}</translation>
        </message>
        <message>
            <source>The first rows as they will be read.</source>
            <translation>الصفوف الأولى كما ستُقرأ.</translation>
        </message>
        <message>
            <source>The names and words in the table read correctly</source>
            <translation>الأسماء والكلمات في الجدول تُقرأ بشكل صحيح</translation>
        </message>
        <message>
            <source>There is no file at {path}.</source>
            <translation>لا يوجد ملف في {path}.</translation>
        </message>
        <message>
            <source>Warnings</source>
            <translation>التحذيرات</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>وي تشات</translation>
        </message>
        <message>
            <source>What the import will do</source>
            <translation>ما سيفعله الاستيراد</translation>
        </message>
        <message>
            <source>WhatsApp</source>
            <translation>واتساب</translation>
        </message>
        <message>
            <source>Would be added to a lead</source>
            <translation>سيُضاف إلى عميل</translation>
        </message>
        <message>
            <source>Would be imported</source>
            <translation>سيُستورد</translation>
        </message>
        <message>
            <source>Would be rejected</source>
            <translation>سيُرفض</translation>
        </message>
        <message>
            <source>comma</source>
            <translation>فاصلة</translation>
        </message>
        <message>
            <source>semicolon</source>
            <translation>فاصلة منقوطة</translation>
        </message>
        <message>
            <source>tab</source>
            <translation>جدولة</translation>
        </message>
        <message>
            <source>vertical bar</source>
            <translation>شرطة عمودية</translation>
        </message>
        <message numerus="yes">
            <source>{file}: %Ln column(s), separated by {delimiter}; encoding {encoding}.</source>
            <translation>
                <numerusform>{file}: لا أعمدة، الفاصل {delimiter}؛ الترميز {encoding}.</numerusform>
                <numerusform>{file}: عمود واحد، الفاصل {delimiter}؛ الترميز {encoding}.</numerusform>
                <numerusform>{file}: عمودان، الفاصل {delimiter}؛ الترميز {encoding}.</numerusform>
                <numerusform>{file}: %Ln أعمدة، الفاصل {delimiter}؛ الترميز {encoding}.</numerusform>
                <numerusform>{file}: %Ln عمودًا، الفاصل {delimiter}؛ الترميز {encoding}.</numerusform>
                <numerusform>{file}: %Ln عمود، الفاصل {delimiter}؛ الترميز {encoding}.</numerusform>
            </translation>
        </message>
        <message>
            <source>— ignore —</source>
            <translation>— تجاهل —</translation>
        </message>
    </context>
    <context>
        <name>LanguagePicker</name>
        <message>
            <source>Type to search: Russian, العربية, 中文…</source>
            <translation>اكتب للبحث: الروسية، العربية، 中文…</translation>
        </message>
    </context>
    <context>
        <name>LeadChangedBanner</name>
        <message>
            <source>Reload</source>
            <translation>إعادة التحميل</translation>
        </message>
        <message>
            <source>Show the newest version (your unsaved changes are discarded)</source>
            <translation>عرض أحدث نسخة (تُهمل تغييراتك غير المحفوظة)</translation>
        </message>
    </context>
    <context>
        <name>LeadEditor</name>
        <message>
            <source>Cannot save yet</source>
            <translation>لا يمكن الحفظ بعد</translation>
        </message>
        <message>
            <source>Cannot undo</source>
            <translation>لا يمكن التراجع</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>التفاصيل</translation>
        </message>
        <message>
            <source>Discard your changes?</source>
            <translation>تجاهل تغييراتك؟</translation>
        </message>
        <message>
            <source>History</source>
            <translation>السجل</translation>
        </message>
        <message>
            <source>History ({count})</source>
            <translation>السجل ({count})</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation>متابعة التحرير</translation>
        </message>
        <message>
            <source>Log a call (Ctrl+L)</source>
            <translation>تسجيل مكالمة (Ctrl+L)</translation>
        </message>
        <message>
            <source>Log call…</source>
            <translation>تسجيل مكالمة…</translation>
        </message>
        <message>
            <source>Move to</source>
            <translation>نقل إلى</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>لم يُحفظ</translation>
        </message>
        <message>
            <source>Not saved: changed by someone else</source>
            <translation>لم يُحفظ: غيّره شخص آخر</translation>
        </message>
        <message>
            <source>Not saved: your changes are kept here</source>
            <translation>لم يُحفظ: تغييراتك باقية هنا</translation>
        </message>
        <message>
            <source>Nothing to save</source>
            <translation>لا شيء للحفظ</translation>
        </message>
        <message>
            <source>Reload and discard</source>
            <translation>إعادة التحميل والتجاهل</translation>
        </message>
        <message>
            <source>Reloaded</source>
            <translation>أُعيد التحميل</translation>
        </message>
        <message>
            <source>Reloaded: your changes were discarded</source>
            <translation>أُعيد التحميل: أُهملت تغييراتك</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>حفظ</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>حفظ (Ctrl+S)</translation>
        </message>
        <message>
            <source>Saved {time}</source>
            <translation>حُفظ {time}</translation>
        </message>
        <message>
            <source>The patient's time zone</source>
            <translation>المنطقة الزمنية للمريض</translation>
        </message>
        <message>
            <source>This lead was changed elsewhere. Reload it and lose the changes made here?</source>
            <translation>تغيّر هذا العميل في مكان آخر. هل تعيد تحميله وتفقد التغييرات التي أجريتها هنا؟</translation>
        </message>
        <message>
            <source>Undo the last status change</source>
            <translation>التراجع عن آخر تغيير للحالة</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>تغييرات غير محفوظة</translation>
        </message>
        <message>
            <source>{city} — now {time} ({zone})</source>
            <translation>{city} — الآن {time} ({zone})</translation>
        </message>
        <message>
            <source>{name}'s number covers {count} time zones. Which is theirs? It is kept on the lead, so the local time is exact from now on.</source>
            <translation>رقم {name} يغطي {count} مناطق زمنية. أيّها منطقته؟ يُحفظ الاختيار في العميل فيصبح التوقيت المحلي دقيقًا من الآن.</translation>
        </message>
    </context>
    <context>
        <name>LeadForm</name>
        <message>
            <source> — outside calling hours ({start}–{end})</source>
            <translation> — خارج أوقات الاتصال ({start}–{end})</translation>
        </message>
        <message>
            <source>@username or number</source>
            <translation>@اسم_المستخدم أو الرقم</translation>
        </message>
        <message>
            <source>As in the passport, e.g. Ivan Petrov</source>
            <translation>كما في جواز السفر، مثل Ivan Petrov</translation>
        </message>
        <message>
            <source>As the patient writes it, in any script</source>
            <translation>كما يكتبه المريض، بأي كتابة</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>الفئة</translation>
        </message>
        <message>
            <source>Choose the patient's time zone…</source>
            <translation>اختر المنطقة الزمنية للمريض…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>مسح</translation>
        </message>
        <message>
            <source>Consent</source>
            <translation>الموافقة</translation>
        </message>
        <message>
            <source>From the number</source>
            <translation>من الرقم</translation>
        </message>
        <message>
            <source>Given {when}</source>
            <translation>مُنحت في {when}</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>رجوع</translation>
        </message>
        <message>
            <source>How it was given</source>
            <translation>كيف مُنحت</translation>
        </message>
        <message>
            <source>How to reach them</source>
            <translation>وسائل التواصل</translation>
        </message>
        <message>
            <source>In writing, by email</source>
            <translation>كتابيًا، بالبريد الإلكتروني</translation>
        </message>
        <message>
            <source>Local time</source>
            <translation>التوقيت المحلي</translation>
        </message>
        <message>
            <source>Medical</source>
            <translation>طبي</translation>
        </message>
        <message>
            <source>Messenger</source>
            <translation>تطبيق مراسلة</translation>
        </message>
        <message>
            <source>Not given: saving health details will ask for a confirmation.</source>
            <translation>لم تُمنح: سيُطلب تأكيد عند حفظ البيانات الصحية.</translation>
        </message>
        <message>
            <source>Not set</source>
            <translation>غير محدد</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>الرقم</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>المريض</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>الخطة</translation>
        </message>
        <message>
            <source>Save anyway</source>
            <translation>الحفظ على أي حال</translation>
        </message>
        <message>
            <source>Save anyway?</source>
            <translation>الحفظ على أي حال؟</translation>
        </message>
        <message>
            <source>Save health details without consent?</source>
            <translation>حفظ البيانات الصحية دون موافقة؟</translation>
        </message>
        <message>
            <source>Signed consent form</source>
            <translation>نموذج موافقة موقّع</translation>
        </message>
        <message>
            <source>The lead needs a name.</source>
            <translation>يحتاج العميل إلى اسم.</translation>
        </message>
        <message>
            <source>The number covers several time zones: choose the patient's</source>
            <translation>يغطي الرقم عدة مناطق زمنية: اختر منطقة المريض</translation>
        </message>
        <message>
            <source>The patient agreed that we store their health data</source>
            <translation>وافق المريض على حفظ بياناته الصحية</translation>
        </message>
        <message>
            <source>The time is recorded when you save.</source>
            <translation>يُسجَّل الوقت عند الحفظ.</translation>
        </message>
        <message>
            <source>Verbally, on a call</source>
            <translation>شفهيًا، في مكالمة</translation>
        </message>
        <message>
            <source>WeChat ID</source>
            <translation>معرّف وي تشات</translation>
        </message>
        <message>
            <source>Website form checkbox</source>
            <translation>خانة في نموذج الموقع</translation>
        </message>
        <message>
            <source>Website form, WhatsApp, partner referral…</source>
            <translation>نموذج الموقع، واتساب، إحالة شريك…</translation>
        </message>
        <message>
            <source>What the patient or the doctors wrote</source>
            <translation>ما كتبه المريض أو الأطباء</translation>
        </message>
        <message>
            <source>name@example.com</source>
            <translation>name@example.com</translation>
        </message>
        <message>
            <source>unknown (no valid phone)</source>
            <translation>غير معروف (لا رقم صالح)</translation>
        </message>
        <message>
            <source>varies: choose the zone →</source>
            <translation>متفاوت: اختر المنطقة ←</translation>
        </message>
    </context>
    <context>
        <name>LeadListModel</name>
        <message>
            <source> (not sortable: it depends on each phone)</source>
            <translation> (غير قابل للفرز: يعتمد على كل هاتف)</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>المنسق</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>الدولة</translation>
        </message>
        <message>
            <source>Last contact</source>
            <translation>آخر تواصل</translation>
        </message>
        <message>
            <source>Local time</source>
            <translation>التوقيت المحلي</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>الاسم</translation>
        </message>
        <message>
            <source>New inquiries not yet contacted: how long they have waited (amber after 2 h, red after 24 h)</source>
            <translation>استفسارات جديدة بلا تواصل: مدة انتظارها (كهرماني بعد ساعتين، أحمر بعد 24 ساعة)</translation>
        </message>
        <message>
            <source>Next follow-up</source>
            <translation>المتابعة التالية</translation>
        </message>
        <message>
            <source>No time zone known: the phone is not valid and no zone is set on the lead</source>
            <translation>المنطقة الزمنية غير معروفة: الهاتف غير صالح ولم تُحدَّد منطقة للعميل</translation>
        </message>
        <message>
            <source>Patient's country</source>
            <translation>دولة المريض</translation>
        </message>
        <message>
            <source>Patient's local time now, from the phone's time zones or the zone set on the lead; green dot: working hours there; grey ring: outside 09:00–20:00; half dot: some of the country's zones</source>
            <translation>التوقيت المحلي للمريض الآن، من المناطق الزمنية للهاتف أو المنطقة المحددة للعميل؛ نقطة خضراء: ساعات عمل هناك؛ حلقة رمادية: خارج 09:00–20:00؛ نصف نقطة: بعض مناطق الدولة</translation>
        </message>
        <message>
            <source>Patient's name as written (Latin spelling in the tooltip)</source>
            <translation>اسم المريض كما كُتب (التهجئة اللاتينية في التلميح)</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>الاستلام</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>المرجع</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <source>The lead's reference number</source>
            <translation>الرقم المرجعي للعميل</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>الانتظار</translation>
        </message>
        <message>
            <source>Waiting more than 2 hours for a first contact</source>
            <translation>ينتظر أول تواصل منذ أكثر من ساعتين</translation>
        </message>
        <message>
            <source>Waiting more than 24 hours for a first contact</source>
            <translation>ينتظر أول تواصل منذ أكثر من 24 ساعة</translation>
        </message>
        <message>
            <source>When the agency last reached out or spoke with the patient</source>
            <translation>آخر مرة تواصلت فيها الوكالة مع المريض أو تحدثت إليه</translation>
        </message>
        <message>
            <source>When the inquiry arrived</source>
            <translation>وقت وصول الاستفسار</translation>
        </message>
        <message>
            <source>When to contact the patient next (your time)</source>
            <translation>موعد التواصل التالي مع المريض (بتوقيتك)</translation>
        </message>
        <message>
            <source>Where the lead is in the pipeline</source>
            <translation>موقع العميل في مسار المراحل</translation>
        </message>
        <message>
            <source>Who handles the lead</source>
            <translation>من يتولى العميل</translation>
        </message>
        <message>
            <source>overdue {days} d</source>
            <translation>متأخر {days} ي</translation>
        </message>
        <message>
            <source>today {time}</source>
            <translation>اليوم {time}</translation>
        </message>
        <message>
            <source>tomorrow {time}</source>
            <translation>غدًا {time}</translation>
        </message>
        <message>
            <source>yesterday</source>
            <translation>أمس</translation>
        </message>
        <message>
            <source>yesterday {time}</source>
            <translation>أمس {time}</translation>
        </message>
        <message>
            <source>{local}: outside 09:00–20:00; morning in {wait}</source>
            <translation>{local}: خارج 09:00–20:00؛ الصباح بعد {wait}</translation>
        </message>
    </context>
    <context>
        <name>LeadListView</name>
        <message numerus="yes">
            <source>%Ln lead(s)</source>
            <translation>
                <numerusform>لا عملاء</numerusform>
                <numerusform>عميل واحد</numerusform>
                <numerusform>عميلان</numerusform>
                <numerusform>%Ln عملاء</numerusform>
                <numerusform>%Ln عميلًا</numerusform>
                <numerusform>%Ln عميل</numerusform>
            </translation>
        </message>
        <message>
            <source>All coordinators</source>
            <translation>كل المنسقين</translation>
        </message>
        <message>
            <source>All countries</source>
            <translation>كل الدول</translation>
        </message>
        <message>
            <source>All sources</source>
            <translation>كل المصادر</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>كل الحالات</translation>
        </message>
        <message>
            <source>Assign to…</source>
            <translation>تكليف…</translation>
        </message>
        <message>
            <source>Find a lead</source>
            <translation>ابحث عن عميل</translation>
        </message>
        <message>
            <source>Find a lead  (Ctrl+F)</source>
            <translation>ابحث عن عميل  (Ctrl+F)</translation>
        </message>
        <message>
            <source>My leads</source>
            <translation>عملائي</translation>
        </message>
        <message>
            <source>Open leads</source>
            <translation>العملاء المفتوحون</translation>
        </message>
        <message>
            <source>Search the leads</source>
            <translation>البحث في العملاء</translation>
        </message>
        <message>
            <source>The list is narrowed to the leads behind a dashboard number; click to show all</source>
            <translation>القائمة مقصورة على العملاء وراء رقم في لوحة المؤشرات؛ انقر لعرض الكل</translation>
        </message>
        <message>
            <source>Type part of a name in any script (Иван, محمد, 王), a reference (L-2026-00042), an email or some phone digits; the list filters as you type</source>
            <translation>اكتب جزءًا من اسم بأي كتابة (Иван، محمد، 王) أو رقمًا مرجعيًا (L-2026-00042) أو بريدًا أو بعض أرقام الهاتف؛ تُصفّى القائمة أثناء الكتابة</translation>
        </message>
        <message>
            <source>Unassigned (the pool)</source>
            <translation>غير مكلّف (المجموعة المشتركة)</translation>
        </message>
        <message numerus="yes">
            <source>{shown} of %Ln lead(s)</source>
            <translation>
                <numerusform>{shown} من لا عملاء</numerusform>
                <numerusform>{shown} من عميل واحد</numerusform>
                <numerusform>{shown} من عميلين</numerusform>
                <numerusform>{shown} من %Ln عملاء</numerusform>
                <numerusform>{shown} من %Ln عميلًا</numerusform>
                <numerusform>{shown} من %Ln عميل</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LeadPanel</name>
        <message>
            <source>Close without saving</source>
            <translation>إغلاق دون حفظ</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation>متابعة التحرير</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>تغييرات غير محفوظة</translation>
        </message>
        <message>
            <source>{name} has changes that are not saved. Close it and lose them?</source>
            <translation>في {name} تغييرات غير محفوظة. هل تغلقه وتفقدها؟</translation>
        </message>
    </context>
    <context>
        <name>LeadTimeline</name>
        <message>
            <source>History</source>
            <translation>السجل</translation>
        </message>
        <message>
            <source>History ({count})</source>
            <translation>السجل ({count})</translation>
        </message>
        <message>
            <source>Select an entry to read it in full.</source>
            <translation>اختر إدخالًا لقراءته كاملًا.</translation>
        </message>
        <message>
            <source>by {name}</source>
            <translation>بواسطة {name}</translation>
        </message>
    </context>
    <context>
        <name>List</name>
        <message>
            <source>, </source>
            <translation>، </translation>
        </message>
    </context>
    <context>
        <name>LocalTime</name>
        <message>
            <source>unknown</source>
            <translation>غير معروف</translation>
        </message>
        <message>
            <source>varies</source>
            <translation>متفاوت</translation>
        </message>
        <message>
            <source>varies ({span})</source>
            <translation>متفاوت ({span})</translation>
        </message>
    </context>
    <context>
        <name>LogCallDialog</name>
        <message>
            <source> (outside calling hours)</source>
            <translation> (خارج أوقات الاتصال)</translation>
        </message>
        <message>
            <source>Choose the outcome first: </source>
            <translation>اختر النتيجة أولًا: </translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>الاتجاه</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>المدة</translation>
        </message>
        <message>
            <source>Enter saves · Shift+Enter new line</source>
            <translation>Enter للحفظ · Shift+Enter لسطر جديد</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>المتابعة</translation>
        </message>
        <message>
            <source>Incoming (they called)</source>
            <translation>وارد (اتصلوا بنا)</translation>
        </message>
        <message>
            <source>Log a call — {reference}</source>
            <translation>تسجيل مكالمة — {reference}</translation>
        </message>
        <message>
            <source>Move the lead from New to Contacted</source>
            <translation>نقل العميل من «جديد» إلى «تم التواصل»</translation>
        </message>
        <message>
            <source>No follow-up</source>
            <translation>بلا متابعة</translation>
        </message>
        <message>
            <source>None [0]</source>
            <translation>لا شيء [0]</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>ملاحظات</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>النتيجة</translation>
        </message>
        <message>
            <source>Outgoing (we called)</source>
            <translation>صادر (اتصلنا نحن)</translation>
        </message>
        <message>
            <source>Save call  ⏎</source>
            <translation>حفظ المكالمة  ⏎</translation>
        </message>
        <message>
            <source>Start timer [T]</source>
            <translation>بدء المؤقت [T]</translation>
        </message>
        <message>
            <source>Stop timer [T]</source>
            <translation>إيقاف المؤقت [T]</translation>
        </message>
        <message>
            <source>The duration reads as m:ss (4:30) or minutes (5).</source>
            <translation>تُكتب المدة بصيغة د:ثث (4:30) أو بالدقائق (5).</translation>
        </message>
        <message>
            <source>What was said, what to send, who decides…</source>
            <translation>ما قيل، وما يجب إرساله، ومن يقرر…</translation>
        </message>
        <message>
            <source>last call {when}: {outcome}</source>
            <translation>آخر مكالمة {when}: {outcome}</translation>
        </message>
        <message>
            <source>m:ss</source>
            <translation>د:ثث</translation>
        </message>
        <message>
            <source>m:ss, or minutes; typing here stops the timer</source>
            <translation>د:ثث أو دقائق؛ الكتابة هنا توقف المؤقت</translation>
        </message>
        <message>
            <source>no outcome</source>
            <translation>بلا نتيجة</translation>
        </message>
        <message>
            <source>their time {time}</source>
            <translation>توقيتهم {time}</translation>
        </message>
    </context>
    <context>
        <name>MainController</name>
        <message numerus="yes">
            <source>%Ln lead(s)</source>
            <translation>
                <numerusform>لا عملاء</numerusform>
                <numerusform>عميل واحد</numerusform>
                <numerusform>عميلان</numerusform>
                <numerusform>%Ln عملاء</numerusform>
                <numerusform>%Ln عميلًا</numerusform>
                <numerusform>%Ln عميل</numerusform>
            </translation>
        </message>
        <message>
            <source>All {count}</source>
            <translation>الكل ({count})</translation>
        </message>
        <message>
            <source>Database: {location}</source>
            <translation>قاعدة البيانات: {location}</translation>
        </message>
        <message>
            <source>Every call, status change and packet is recorded under this name</source>
            <translation>تُسجَّل كل مكالمة وتغيير حالة وحزمة باسمك هذا</translation>
        </message>
        <message>
            <source>Export leads</source>
            <translation>تصدير العملاء</translation>
        </message>
        <message numerus="yes">
            <source>Exported %Ln lead(s) to {path}</source>
            <translation>
                <numerusform>لم يُصدَّر أي عميل إلى {path}</numerusform>
                <numerusform>صُدِّر عميل واحد إلى {path}</numerusform>
                <numerusform>صُدِّر عميلان إلى {path}</numerusform>
                <numerusform>صُدِّر %Ln عملاء إلى {path}</numerusform>
                <numerusform>صُدِّر %Ln عميلًا إلى {path}</numerusform>
                <numerusform>صُدِّر %Ln عميل إلى {path}</numerusform>
            </translation>
        </message>
        <message>
            <source>Family</source>
            <translation>العائلة</translation>
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
            <translation>لا ملف شخصي: الإعدادات ← ملفي الشخصي…</translation>
        </message>
        <message>
            <source>Packets need a real person to sign them; actions are recorded as "Coordinator"</source>
            <translation>تحتاج الحزم إلى شخص حقيقي يوقّعها؛ تُسجَّل الإجراءات باسم «المنسق»</translation>
        </message>
        <message>
            <source>Partner catalogue: revision {revision} published</source>
            <translation>دليل الشركاء: نُشرت المراجعة {revision}</translation>
        </message>
        <message>
            <source>Patient packet</source>
            <translation>حزمة المريض</translation>
        </message>
        <message>
            <source>Patient packets (costs and the treatment journey, as a PDF) come next; this build does not make them yet.</source>
            <translation>حزم المرضى (التكاليف ومسار العلاج بصيغة PDF) قادمة؛ هذا الإصدار لا ينشئها بعد.</translation>
        </message>
        <message>
            <source>Records</source>
            <translation>السجلات</translation>
        </message>
        <message>
            <source>Review &amp;&amp; quotes</source>
            <translation>المراجعة والعروض</translation>
        </message>
        <message>
            <source>Schedule</source>
            <translation>الجدول</translation>
        </message>
        <message numerus="yes">
            <source>The list shows {shown} of %Ln lead(s) (a search or filter is on).</source>
            <translation>
                <numerusform>تعرض القائمة {shown} من لا عملاء (البحث أو التصفية مفعّل).</numerusform>
                <numerusform>تعرض القائمة {shown} من عميل واحد (البحث أو التصفية مفعّل).</numerusform>
                <numerusform>تعرض القائمة {shown} من عميلين (البحث أو التصفية مفعّل).</numerusform>
                <numerusform>تعرض القائمة {shown} من %Ln عملاء (البحث أو التصفية مفعّل).</numerusform>
                <numerusform>تعرض القائمة {shown} من %Ln عميلًا (البحث أو التصفية مفعّل).</numerusform>
                <numerusform>تعرض القائمة {shown} من %Ln عميل (البحث أو التصفية مفعّل).</numerusform>
            </translation>
        </message>
        <message>
            <source>These {count}</source>
            <translation>هؤلاء الـ {count}</translation>
        </message>
        <message>
            <source>Unanswered for more than {days} days</source>
            <translation>بلا رد منذ أكثر من {days} أيام</translation>
        </message>
        <message>
            <source>Working as {name}</source>
            <translation>يعمل الآن: {name}</translation>
        </message>
        <message>
            <source>{count} shown</source>
            <translation>المعروض {count}</translation>
        </message>
        <message>
            <source>{reference}: back to {status}</source>
            <translation>{reference}: أُعيد إلى «{status}»</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;About MedTour Desk</source>
            <translation>&amp;حول MedTour Desk</translation>
        </message>
        <message>
            <source>&amp;Close lead</source>
            <translation>إ&amp;غلاق العميل</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;تحرير</translation>
        </message>
        <message>
            <source>&amp;Export leads…</source>
            <translation>&amp;تصدير العملاء…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;ملف</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;بحث…</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;مساعدة</translation>
        </message>
        <message>
            <source>&amp;Import leads…</source>
            <translation>&amp;استيراد العملاء…</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;اختصارات لوحة المفاتيح</translation>
        </message>
        <message>
            <source>&amp;Lead</source>
            <translation>&amp;عميل</translation>
        </message>
        <message>
            <source>&amp;Log call…</source>
            <translation>تسجيل &amp;مكالمة…</translation>
        </message>
        <message>
            <source>&amp;Move to</source>
            <translation>&amp;نقل إلى</translation>
        </message>
        <message>
            <source>&amp;New lead…</source>
            <translation>عميل &amp;جديد…</translation>
        </message>
        <message>
            <source>&amp;Open database…</source>
            <translation>&amp;فتح قاعدة بيانات…</translation>
        </message>
        <message>
            <source>&amp;Open lead</source>
            <translation>&amp;فتح العميل</translation>
        </message>
        <message>
            <source>&amp;Print packet…</source>
            <translation>&amp;طباعة الحزمة…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;إنهاء</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;تحديث</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>الإ&amp;عدادات</translation>
        </message>
        <message>
            <source>&amp;Undo status change</source>
            <translation>ال&amp;تراجع عن تغيير الحالة</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;عرض</translation>
        </message>
        <message>
            <source>Add invented leads to try the app</source>
            <translation>إضافة عملاء وهميين لتجربة التطبيق</translation>
        </message>
        <message>
            <source>Change &amp;status…</source>
            <translation>تغيير ال&amp;حالة…</translation>
        </message>
        <message>
            <source>Close MedTour Desk</source>
            <translation>إغلاق MedTour Desk</translation>
        </message>
        <message>
            <source>Close the lead shown in the lead panel</source>
            <translation>إغلاق العميل المعروض في لوحة العملاء</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>لوحة المؤشرات</translation>
        </message>
        <message>
            <source>Enter a new inquiry</source>
            <translation>إدخال استفسار جديد</translation>
        </message>
        <message>
            <source>Every keyboard shortcut of the desk</source>
            <translation>كل اختصارات لوحة المفاتيح في البرنامج</translation>
        </message>
        <message>
            <source>Export the leads shown in the list to a CSV file</source>
            <translation>تصدير العملاء المعروضين في القائمة إلى ملف CSV</translation>
        </message>
        <message>
            <source>Import inquiries from a CSV file (website form, another CRM)</source>
            <translation>استيراد الاستفسارات من ملف CSV (نموذج الموقع، نظام CRM آخر)</translation>
        </message>
        <message>
            <source>Lead &amp;panel</source>
            <translation>&amp;لوحة العملاء</translation>
        </message>
        <message>
            <source>Leads</source>
            <translation>العملاء</translation>
        </message>
        <message>
            <source>Load &amp;demo data…</source>
            <translation>تحميل بيانات &amp;تجريبية…</translation>
        </message>
        <message>
            <source>Loading the dashboard…</source>
            <translation>جارٍ تحميل لوحة المؤشرات…</translation>
        </message>
        <message>
            <source>Log a call with the selected lead</source>
            <translation>تسجيل مكالمة مع العميل المحدد</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>شريط الأدوات الرئيسي</translation>
        </message>
        <message>
            <source>Make the patient packet (costs and the treatment journey)</source>
            <translation>إعداد حزمة المريض (التكاليف ومسار العلاج)</translation>
        </message>
        <message>
            <source>MedTour Desk</source>
            <translation>MedTour Desk</translation>
        </message>
        <message>
            <source>Move the selected lead to another status</source>
            <translation>نقل العميل المحدد إلى حالة أخرى</translation>
        </message>
        <message>
            <source>Move the selected leads one stage back (the pipeline says where a lead may go)</source>
            <translation>إرجاع العملاء المحددين مرحلة واحدة (يبيّن مسار المراحل الوجهات الممكنة)</translation>
        </message>
        <message>
            <source>Move the selected leads one stage forward</source>
            <translation>نقل العملاء المحددين مرحلة واحدة للأمام</translation>
        </message>
        <message>
            <source>Move the selected leads to {status}</source>
            <translation>نقل العملاء المحددين إلى «{status}»</translation>
        </message>
        <message>
            <source>Move to &amp;next stage</source>
            <translation>إلى المرحلة ال&amp;تالية</translation>
        </message>
        <message>
            <source>Move to &amp;previous stage</source>
            <translation>إلى المرحلة ال&amp;سابقة</translation>
        </message>
        <message>
            <source>My &amp;profile…</source>
            <translation>ملفي ال&amp;شخصي…</translation>
        </message>
        <message>
            <source>No lead is open.
Double-click a lead (or select it and press Enter) to open it here; several leads can stay open, Ctrl+W closes the one shown.</source>
            <translation>لا يوجد عميل مفتوح.
انقر نقرًا مزدوجًا على عميل (أو حدده واضغط Enter) لفتحه هنا؛ يمكن إبقاء عدة عملاء مفتوحين، ويغلق Ctrl+W العميل المعروض.</translation>
        </message>
        <message>
            <source>Open another MedTour Desk database file</source>
            <translation>فتح ملف قاعدة بيانات MedTour Desk آخر</translation>
        </message>
        <message>
            <source>Open leads</source>
            <translation>العملاء المفتوحون</translation>
        </message>
        <message>
            <source>Open the selected lead in the lead panel</source>
            <translation>فتح العميل المحدد في لوحة العملاء</translation>
        </message>
        <message>
            <source>P&amp;references…</source>
            <translation>الت&amp;فضيلات…</translation>
        </message>
        <message>
            <source>Partner &amp;catalogue…</source>
            <translation>&amp;دليل الشركاء…</translation>
        </message>
        <message>
            <source>Partner hospitals, their programs and prices (admins edit it)</source>
            <translation>المستشفيات الشريكة وبرامجها وأسعارها (يحررها المسؤولون)</translation>
        </message>
        <message>
            <source>Pipeline</source>
            <translation>مسار المراحل</translation>
        </message>
        <message>
            <source>Put the lead back where the last status change took it from</source>
            <translation>إعادة العميل إلى الحالة التي نقله منها آخر تغيير</translation>
        </message>
        <message>
            <source>Read the lists again</source>
            <translation>إعادة قراءة القوائم</translation>
        </message>
        <message>
            <source>Search the leads</source>
            <translation>البحث في العملاء</translation>
        </message>
        <message>
            <source>Show {view}</source>
            <translation>عرض {view}</translation>
        </message>
        <message>
            <source>The desk's language</source>
            <translation>لغة التطبيق</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>اليوم</translation>
        </message>
        <message>
            <source>Version and components</source>
            <translation>الإصدار والمكونات</translation>
        </message>
        <message>
            <source>Your name and contact details, as packets show them</source>
            <translation>اسمك وبيانات التواصل كما تظهر في الحزم</translation>
        </message>
    </context>
    <context>
        <name>NewLeadDialog</name>
        <message>
            <source>A name and one way to reach the person are enough; the rest can follow. A phone or email that is already on file is pointed out as you type.</source>
            <translation>يكفي اسم ووسيلة واحدة للتواصل؛ ويمكن إضافة الباقي لاحقًا. يُنبَّه أثناء الكتابة إلى أي هاتف أو بريد مسجّل مسبقًا.</translation>
        </message>
        <message>
            <source>Add it to {reference}</source>
            <translation>إضافته إلى {reference}</translation>
        </message>
        <message>
            <source>Already a lead</source>
            <translation>عميل موجود بالفعل</translation>
        </message>
        <message>
            <source>Create a separate lead</source>
            <translation>إنشاء عميل منفصل</translation>
        </message>
        <message>
            <source>Create lead</source>
            <translation>إنشاء العميل</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>تجاهل</translation>
        </message>
        <message>
            <source>Discard this new lead?</source>
            <translation>تجاهل هذا العميل الجديد؟</translation>
        </message>
        <message>
            <source>Inquiry</source>
            <translation>الاستفسار</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation>متابعة التحرير</translation>
        </message>
        <message>
            <source>New lead</source>
            <translation>عميل جديد</translation>
        </message>
        <message>
            <source>Open {reference} instead</source>
            <translation>فتح {reference} بدلًا من ذلك</translation>
        </message>
        <message>
            <source>What should happen with this inquiry?</source>
            <translation>ماذا تريد أن تفعل بهذا الاستفسار؟</translation>
        </message>
        <message>
            <source>What they asked, in their words (saved as the inquiry)</source>
            <translation>ما سألوا عنه بكلماتهم (يُحفظ كاستفسار)</translation>
        </message>
        <message>
            <source>What you typed has not been saved.</source>
            <translation>ما كتبته لم يُحفظ.</translation>
        </message>
    </context>
    <context>
        <name>PacketPlanPanel</name>
        <message>
            <source> (requested; not confirmed to fit)</source>
            <translation> (مطلوب؛ لم يُؤكَّد أنه مناسب)</translation>
        </message>
        <message>
            <source>; one companion counted: the hospital requires one</source>
            <translation>؛ احتُسب مرافق واحد: المستشفى يشترطه</translation>
        </message>
        <message>
            <source>Estimate</source>
            <translation>التقدير</translation>
        </message>
        <message>
            <source>Estimate from the hospital's price ranges</source>
            <translation>تقدير من نطاقات أسعار المستشفى</translation>
        </message>
        <message>
            <source>First steps: no program, no price yet</source>
            <translation>الخطوات الأولى: لا برنامج ولا سعر بعد</translation>
        </message>
        <message>
            <source>Hospital:</source>
            <translation>المستشفى:</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>البند</translation>
        </message>
        <message>
            <source>Kind:</source>
            <translation>النوع:</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>اللغة:</translation>
        </message>
        <message>
            <source>Patient lives:</source>
            <translation>يقيم المريض:</translation>
        </message>
        <message>
            <source>Program:</source>
            <translation>البرنامج:</translation>
        </message>
        <message>
            <source>Records to send</source>
            <translation>السجلات المطلوب إرسالها</translation>
        </message>
        <message>
            <source>Signed by:</source>
            <translation>التوقيع:</translation>
        </message>
        <message>
            <source>The case's chosen quote</source>
            <translation>عرض السعر المختار للحالة</translation>
        </message>
        <message>
            <source>Travellers:</source>
            <translation>المسافرون:</translation>
        </message>
        <message>
            <source>What this packet is built from</source>
            <translation>مِمَّ بُنيت هذه الحزمة</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>السبب</translation>
        </message>
        <message>
            <source>abroad ({country})</source>
            <translation>في الخارج ({country})</translation>
        </message>
        <message>
            <source>country not recorded</source>
            <translation>البلد غير مسجّل</translation>
        </message>
        <message>
            <source>in the hospital's country (no visa, no interpreter)</source>
            <translation>في بلد المستشفى (بلا تأشيرة ولا مترجم)</translation>
        </message>
        <message>
            <source>no WhatsApp number</source>
            <translation>لا يوجد رقم واتساب</translation>
        </message>
        <message>
            <source>none proposed</source>
            <translation>لم يُقترح</translation>
        </message>
        <message>
            <source>none yet</source>
            <translation>لا يوجد بعد</translation>
        </message>
        <message>
            <source>{count} (patient and companions)</source>
            <translation>{count} (المريض ومرافقوه)</translation>
        </message>
        <message>
            <source>{count} (patient only)</source>
            <translation>{count} (المريض وحده)</translation>
        </message>
    </context>
    <context>
        <name>PacketPreviewDialog</name>
        <message numerus="yes">
            <source>%Ln page(s)</source>
            <translation>
                <numerusform>لا صفحات</numerusform>
                <numerusform>صفحة واحدة</numerusform>
                <numerusform>صفحتان</numerusform>
                <numerusform>%Ln صفحات</numerusform>
                <numerusform>%Ln صفحة</numerusform>
                <numerusform>%Ln صفحة</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>&amp;طباعة…</translation>
        </message>
        <message>
            <source>&amp;Save…</source>
            <translation>&amp;حفظ…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>إغلاق</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>اللغة:</translation>
        </message>
        <message>
            <source>Lead's program</source>
            <translation>برنامج العميل</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Patient packet</source>
            <translation>حزمة المريض</translation>
        </message>
        <message>
            <source>Patient's language</source>
            <translation>لغة المريض</translation>
        </message>
        <message>
            <source>Preparing the packet…</source>
            <translation>جارٍ إعداد الحزمة…</translation>
        </message>
        <message>
            <source>Print packet</source>
            <translation>طباعة الحزمة</translation>
        </message>
        <message>
            <source>Program:</source>
            <translation>البرنامج:</translation>
        </message>
        <message>
            <source>Save packet</source>
            <translation>حفظ الحزمة</translation>
        </message>
        <message>
            <source>Saved to {path}</source>
            <translation>حُفظت في {path}</translation>
        </message>
        <message>
            <source>Sent to the printer</source>
            <translation>أُرسلت إلى الطابعة</translation>
        </message>
        <message>
            <source>The packet could not be made.</source>
            <translation>تعذّر إعداد الحزمة.</translation>
        </message>
        <message>
            <source>The printer could not be opened.</source>
            <translation>تعذّر فتح الطابعة.</translation>
        </message>
        <message>
            <source>no program proposed yet (the doctors review first)</source>
            <translation>لم يُقترح برنامج بعد (يراجع الأطباء أولًا)</translation>
        </message>
        <message>
            <source>{size} KB</source>
            <translation>{size} ك.ب</translation>
        </message>
    </context>
    <context>
        <name>PhoneField</name>
        <message>
            <source>+ Add phone</source>
            <translation>+ إضافة هاتف</translation>
        </message>
        <message>
            <source>+7 916 123-45-67 or a local number</source>
            <translation>⁦+7 916 123-45-67⁩ أو رقم محلي</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>المنزل</translation>
        </message>
        <message>
            <source>Mobile</source>
            <translation>جوال</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>أخرى</translation>
        </message>
        <message>
            <source>Phone number</source>
            <translation>رقم الهاتف</translation>
        </message>
        <message>
            <source>Remove this phone</source>
            <translation>إزالة هذا الهاتف</translation>
        </message>
        <message>
            <source>WhatsApp</source>
            <translation>واتساب</translation>
        </message>
        <message>
            <source>Work</source>
            <translation>العمل</translation>
        </message>
        <message>
            <source>not a valid number</source>
            <translation>رقم غير صالح</translation>
        </message>
        <message>
            <source>{problem} (kept as typed)</source>
            <translation>{problem} (يُحفظ كما كُتب)</translation>
        </message>
    </context>
    <context>
        <name>PipelineView</name>
        <message>
            <source> (a reason is asked)</source>
            <translation> (يُطلب سبب)</translation>
        </message>
        <message numerus="yes">
            <source>%Ln lead(s)</source>
            <translation>
                <numerusform>لا عملاء</numerusform>
                <numerusform>عميل واحد</numerusform>
                <numerusform>عميلان</numerusform>
                <numerusform>%Ln عملاء</numerusform>
                <numerusform>%Ln عميلًا</numerusform>
                <numerusform>%Ln عميل</numerusform>
            </translation>
        </message>
        <message>
            <source>Drag leads onto a stage, or select them and press Ctrl+→ for the next stage; Ctrl+Z undoes the last move. Alt+←/→ shows the previous/next stage.</source>
            <translation>اسحب العملاء إلى مرحلة، أو حددهم واضغط Ctrl+→ للمرحلة التالية؛ ويتراجع Ctrl+Z عن آخر نقل. يعرض Alt+←/→ المرحلة السابقة/التالية.</translation>
        </message>
        <message>
            <source>Left the pipeline:</source>
            <translation>غادروا المسار:</translation>
        </message>
        <message numerus="yes">
            <source>New: %Ln lead(s) in status New</source>
            <translation>
                <numerusform>جديد: لا عملاء في حالة «جديد»</numerusform>
                <numerusform>جديد: عميل واحد في حالة «جديد»</numerusform>
                <numerusform>جديد: عميلان في حالة «جديد»</numerusform>
                <numerusform>جديد: %Ln عملاء في حالة «جديد»</numerusform>
                <numerusform>جديد: %Ln عميلًا في حالة «جديد»</numerusform>
                <numerusform>جديد: %Ln عميل في حالة «جديد»</numerusform>
            </translation>
        </message>
        <message>
            <source>Next stage</source>
            <translation>المرحلة التالية</translation>
        </message>
        <message>
            <source>Pipeline</source>
            <translation>مسار المراحل</translation>
        </message>
        <message>
            <source>Previous stage</source>
            <translation>المرحلة السابقة</translation>
        </message>
        <message>
            <source>{count} of them {waiting} ({means}), {contacted} contacted but not moved on</source>
            <translation>منهم {count} {waiting} ({means})، و{contacted} تم التواصل معهم دون نقلهم</translation>
        </message>
        <message numerus="yes">
            <source>{status}: %Ln lead(s), soonest follow-up first</source>
            <translation>
                <numerusform>{status}: لا عملاء</numerusform>
                <numerusform>{status}: عميل واحد، الأقرب متابعةً أولًا</numerusform>
                <numerusform>{status}: عميلان، الأقرب متابعةً أولًا</numerusform>
                <numerusform>{status}: %Ln عملاء، الأقرب متابعةً أولًا</numerusform>
                <numerusform>{status}: %Ln عميلًا، الأقرب متابعةً أولًا</numerusform>
                <numerusform>{status}: %Ln عميل، الأقرب متابعةً أولًا</numerusform>
            </translation>
        </message>
        <message>
            <source>{status}: click to list its leads; drop leads here to move them</source>
            <translation>{status}: انقر لعرض عملائها؛ أفلت العملاء هنا لنقلهم</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Dates, times and numbers follow the language's own conventions.</source>
            <translation>تتبع التواريخ والأوقات والأرقام أعراف اللغة المختارة.</translation>
        </message>
        <message>
            <source>Language of the desk</source>
            <translation>لغة التطبيق</translation>
        </message>
        <message>
            <source>Preferences</source>
            <translation>التفضيلات</translation>
        </message>
        <message>
            <source>System language ({language})</source>
            <translation>لغة النظام ({language})</translation>
        </message>
        <message>
            <source>The new language applies when MedTour Desk is started again.</source>
            <translation>تُطبَّق اللغة الجديدة عند تشغيل MedTour Desk مرة أخرى.</translation>
        </message>
    </context>
    <context>
        <name>StatusDialog</name>
        <message>
            <source>  (needs a reason)</source>
            <translation>  (يتطلب سببًا)</translation>
        </message>
        <message>
            <source>Before '{status}':</source>
            <translation>قبل «{status}»:</translation>
        </message>
        <message>
            <source>Change status</source>
            <translation>تغيير الحالة</translation>
        </message>
        <message>
            <source>Change status — {reference}</source>
            <translation>تغيير الحالة — {reference}</translation>
        </message>
        <message>
            <source>Move to</source>
            <translation>نقل إلى</translation>
        </message>
        <message>
            <source>Now: {status}</source>
            <translation>الآن: {status}</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>اختياري</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>السبب</translation>
        </message>
        <message>
            <source>Required: choose or type why</source>
            <translation>مطلوب: اختر السبب أو اكتبه</translation>
        </message>
    </context>
    <context>
        <name>StatusMoves</name>
        <message>
            <source>A lead at {where} has no next stage; it may move to: {options}.</source>
            <translation>العميل في {where} ليست له مرحلة تالية؛ يمكن نقله إلى: {options}.</translation>
        </message>
        <message>
            <source>A lead at {where} has no previous stage; it may move to: {options}.</source>
            <translation>العميل في {where} ليست له مرحلة سابقة؛ يمكن نقله إلى: {options}.</translation>
        </message>
        <message>
            <source>Move refused</source>
            <translation>رُفض النقل</translation>
        </message>
        <message>
            <source>Move to {status}</source>
            <translation>نقل إلى «{status}»</translation>
        </message>
        <message>
            <source>No status change was made in this window; select a lead to undo its last change.</source>
            <translation>لم يُغيَّر أي حالة في هذه النافذة؛ حدد عميلًا للتراجع عن آخر تغيير له.</translation>
        </message>
        <message>
            <source>Nothing to undo</source>
            <translation>لا شيء للتراجع عنه</translation>
        </message>
        <message>
            <source>Some moves refused</source>
            <translation>رُفضت بعض عمليات النقل</translation>
        </message>
        <message numerus="yes">
            <source>Why are these %Ln leads '{status}'?</source>
            <translation>
                <numerusform>لماذا لا عملاء «{status}»؟</numerusform>
                <numerusform>لماذا هذا العميل «{status}»؟</numerusform>
                <numerusform>لماذا هذان العميلان «{status}»؟</numerusform>
                <numerusform>لماذا هؤلاء العملاء الـ %Ln «{status}»؟</numerusform>
                <numerusform>لماذا هؤلاء العملاء الـ %Ln «{status}»؟</numerusform>
                <numerusform>لماذا هؤلاء العملاء الـ %Ln «{status}»؟</numerusform>
            </translation>
        </message>
        <message>
            <source>Why is this lead '{status}'?</source>
            <translation>لماذا هذا العميل «{status}»؟</translation>
        </message>
        <message>
            <source>the end of the pipeline</source>
            <translation>نهاية المسار</translation>
        </message>
    </context>
    <context>
        <name>TodayModel</name>
        <message>
            <source>Coordinator</source>
            <translation>المنسق</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>الدولة</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>الموعد</translation>
        </message>
        <message>
            <source>Due {when} (your time)</source>
            <translation>الموعد {when} (بتوقيتك)</translation>
        </message>
        <message>
            <source>Local time</source>
            <translation>التوقيت المحلي</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>الاسم</translation>
        </message>
        <message>
            <source>No time zone known for this phone</source>
            <translation>لا منطقة زمنية معروفة لهذا الهاتف</translation>
        </message>
        <message>
            <source>Outside 09:00–20:00 there; morning in {wait}</source>
            <translation>خارج 09:00–20:00 هناك؛ الصباح بعد {wait}</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>الهاتف</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>المرجع</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <source>Status: {status}</source>
            <translation>الحالة: {status}</translation>
        </message>
        <message>
            <source>The phone's country spans several time zones; it is working hours in some of them</source>
            <translation>تمتد دولة الهاتف على عدة مناطق زمنية؛ وهي ساعات عمل في بعضها</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>الانتظار</translation>
        </message>
        <message>
            <source>Waiting longer than the team's first-response target ({target})</source>
            <translation>ينتظر أطول من هدف الفريق لأول رد ({target})</translation>
        </message>
        <message>
            <source>Waiting more than 2 hours for a first contact</source>
            <translation>ينتظر أول تواصل منذ أكثر من ساعتين</translation>
        </message>
        <message>
            <source>Waiting more than 24 hours for a first contact</source>
            <translation>ينتظر أول تواصل منذ أكثر من 24 ساعة</translation>
        </message>
        <message>
            <source>Working hours there: {left} left today</source>
            <translation>ساعات عمل هناك: تبقّى {left} اليوم</translation>
        </message>
        <message>
            <source>{waited} — past the {target} target</source>
            <translation>{waited} — تجاوز هدف {target}</translation>
        </message>
    </context>
    <context>
        <name>TodayView</name>
        <message>
            <source> ({count} overdue)</source>
            <translation> ({count} متأخرة)</translation>
        </message>
        <message>
            <source> · {count} can be called now</source>
            <translation> · {count} يمكن الاتصال بهم الآن</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) overdue</source>
            <translation>
                <numerusform>متأخر %n يوم</numerusform>
                <numerusform>متأخر يومًا واحدًا</numerusform>
                <numerusform>متأخر يومين</numerusform>
                <numerusform>متأخر %n أيام</numerusform>
                <numerusform>متأخر %n يومًا</numerusform>
                <numerusform>متأخر %n يوم</numerusform>
            </translation>
        </message>
        <message>
            <source>({red} over 24 h, {amber} over 2 h)</source>
            <translation>({red} أكثر من 24 س، {amber} أكثر من ساعتين)</translation>
        </message>
        <message>
            <source>Case reminders</source>
            <translation>تذكيرات الحالات</translation>
        </message>
        <message>
            <source>Case reminders: {count}</source>
            <translation>تذكيرات الحالات: {count}</translation>
        </message>
        <message>
            <source>Could not load today's calls</source>
            <translation>تعذّر تحميل مكالمات اليوم</translation>
        </message>
        <message>
            <source>Everyone's calls</source>
            <translation>مكالمات الجميع</translation>
        </message>
        <message>
            <source>Follow-ups due</source>
            <translation>المتابعات المستحقة</translation>
        </message>
        <message>
            <source>Follow-ups due: {count}</source>
            <translation>المتابعات المستحقة: {count}</translation>
        </message>
        <message>
            <source>In call order: first the patients in working hours now (green dot) — whose day ends soonest first — then countries where only some zones are (half dot), then those asleep (grey ring), by how soon their morning comes.</source>
            <translation>بترتيب الاتصال: أولًا المرضى في ساعات العمل الآن (نقطة خضراء) — من ينتهي يومه أولًا يأتي أولًا — ثم الدول التي تكون فيها بعض المناطق فقط في ساعات العمل (نصف نقطة)، ثم النائمون (حلقة رمادية) بحسب قرب صباحهم.</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>جارٍ التحميل…</translation>
        </message>
        <message>
            <source>My Today</source>
            <translation>يومي</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>تحديث</translation>
        </message>
        <message>
            <source>Reload the lists (F5)</source>
            <translation>إعادة تحميل القوائم (F5)</translation>
        </message>
        <message>
            <source>Tasks of the patients' treatment schedules: double-click to open the case</source>
            <translation>مهام جداول علاج المرضى: انقر نقرًا مزدوجًا لفتح الحالة</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>اليوم</translation>
        </message>
        <message>
            <source>Unassigned inquiries (the pool)</source>
            <translation>استفسارات غير مكلّف بها (المجموعة المشتركة)</translation>
        </message>
        <message>
            <source>as of {time}</source>
            <translation>حتى {time}</translation>
        </message>
        <message numerus="yes">
            <source>due in %n day(s)</source>
            <translation>
                <numerusform>بعد %n يوم</numerusform>
                <numerusform>بعد يوم واحد</numerusform>
                <numerusform>بعد يومين</numerusform>
                <numerusform>بعد %n أيام</numerusform>
                <numerusform>بعد %n يومًا</numerusform>
                <numerusform>بعد %n يوم</numerusform>
            </translation>
        </message>
        <message>
            <source>due today</source>
            <translation>مستحق اليوم</translation>
        </message>
        <message>
            <source>{count} older — show them in the list</source>
            <translation>{count} أقدم — اعرضها في القائمة</translation>
        </message>
        <message>
            <source>{name}'s calls</source>
            <translation>مكالمات {name}</translation>
        </message>
        <message>
            <source>· {count} listed from the last {days} days</source>
            <translation>· {count} مدرجة من آخر {days} أيام</translation>
        </message>
        <message>
            <source>· {count} past the {target} first-response target</source>
            <translation>· {count} تجاوزت هدف أول رد ({target})</translation>
        </message>
    </context>
</TS>
