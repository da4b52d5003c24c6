<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About MedTour Desk</source>
            <translation>关于 MedTour Desk</translation>
        </message>
    </context>
    <context>
        <name>CaseHeader</name>
        <message>
            <source>, night</source>
            <translation>，夜间</translation>
        </message>
        <message>
            <source>assigned to {name}</source>
            <translation>负责人：{name}</translation>
        </message>
        <message>
            <source>chosen by {name}</source>
            <translation>由 {name} 指定</translation>
        </message>
        <message>
            <source>chosen when entered</source>
            <translation>录入时指定</translation>
        </message>
        <message>
            <source>entered by {name}</source>
            <translation>由 {name} 录入</translation>
        </message>
        <message>
            <source>follow-up {when}</source>
            <translation>跟进 {when}</translation>
        </message>
        <message>
            <source>inquiry {date}</source>
            <translation>咨询于 {date}</translation>
        </message>
        <message>
            <source>next in turn</source>
            <translation>按顺序轮到</translation>
        </message>
        <message>
            <source>no follow-up set</source>
            <translation>未设跟进</translation>
        </message>
        <message>
            <source>reassigned</source>
            <translation>已转交</translation>
        </message>
        <message>
            <source>reassigned by {name}</source>
            <translation>由 {name} 转交</translation>
        </message>
        <message>
            <source>the only coordinator</source>
            <translation>唯一的协调员</translation>
        </message>
        <message>
            <source>waiting in the pool: no active coordinator</source>
            <translation>在公共池中等待：没有在岗的协调员</translation>
        </message>
    </context>
    <context>
        <name>CountryPicker</name>
        <message>
            <source>Type to search: Russia, UAE, 中国…</source>
            <translation>输入以搜索：俄罗斯、阿联酋、Russia…</translation>
        </message>
    </context>
    <context>
        <name>DashboardView</name>
        <message>
            <source> Your own row: the team sees only its own leads.</source>
            <translation> 仅显示您这一行：团队成员只能看到自己的线索。</translation>
        </message>
        <message>
            <source> · {count} leads in other countries or without one</source>
            <translation> · 另有 {count} 条线索来自其他国家或未填国家</translation>
        </message>
        <message>
            <source>, {count} older</source>
            <translation>，另有 {count} 条更早的</translation>
        </message>
        <message>
            <source>A follow-up is on time when a contact is logged after it was set and before its day ends (your time zone). Click to list the leads with late follow-ups.</source>
            <translation>跟进准时：在设定之后、当天结束之前（按您的时区）记录了联系。点击列出跟进逾期的线索。</translation>
        </message>
        <message>
            <source>A lead reached a stage when its history records a move into it; click a bar to list those leads</source>
            <translation>历史记录中有进入该阶段的记录即视为到达该阶段；点击柱条列出这些线索</translation>
        </message>
        <message>
            <source>All leads</source>
            <translation>全部线索</translation>
        </message>
        <message>
            <source>By coordinator</source>
            <translation>按协调员</translation>
        </message>
        <message>
            <source>Charts</source>
            <translation>图表</translation>
        </message>
        <message>
            <source>Click a bar to list that country's leads</source>
            <translation>点击柱条列出该国的线索</translation>
        </message>
        <message>
            <source>Click a bar to list the leads lost for that reason</source>
            <translation>点击柱条列出因此原因流失的线索</translation>
        </message>
        <message>
            <source>Click a bar to list those inquiries</source>
            <translation>点击柱条列出这些咨询</translation>
        </message>
        <message>
            <source>Contacted within {hours} h (last 30 days)</source>
            <translation>{hours} 小时内联系（近 30 天）</translation>
        </message>
        <message>
            <source>Conversion (to booked)</source>
            <translation>转化率（至已预订）</translation>
        </message>
        <message>
            <source>Conversion: leads that reached each stage</source>
            <translation>转化：到达各阶段的线索</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>协调员</translation>
        </message>
        <message>
            <source>Could not load the numbers</source>
            <translation>无法加载数据</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>仪表板</translation>
        </message>
        <message>
            <source>Each lead counts for the coordinator it is assigned to now. Median time to first contact, follow-ups on time and conversion are over the last 30 days; the pool is the leads assigned to nobody.</source>
            <translation>每条线索计入其当前的协调员。首次联系中位时间、准时跟进和转化率均按近 30 天计算；公共池是尚未分配的线索。</translation>
        </message>
        <message>
            <source>Follow-ups done on time (due in the last 30 days)</source>
            <translation>准时完成的跟进（近 30 天到期）</translation>
        </message>
        <message>
            <source>Follow-ups due in the last 30 days done on time: a contact logged after the follow-up was set and before its day ended (your time zone)</source>
            <translation>近 30 天到期并准时完成的跟进：在设定之后、当天结束之前（按您的时区）记录了联系</translation>
        </message>
        <message>
            <source>Follow-ups on time</source>
            <translation>准时跟进</translation>
        </message>
        <message>
            <source>Inquiries of the last 30 days: from the inquiry to the first call, email or message</source>
            <translation>近 30 天的咨询：从咨询到首次电话、邮件或消息</translation>
        </message>
        <message>
            <source>Inquiries per week, by source</source>
            <translation>每周咨询量（按来源）</translation>
        </message>
        <message>
            <source>Late follow-ups (30 days)</source>
            <translation>逾期跟进（30 天）</translation>
        </message>
        <message>
            <source>Leads</source>
            <translation>线索</translation>
        </message>
        <message>
            <source>Leads assigned to them in an open status (not lost, not completed)</source>
            <translation>分配给其且处于进行中状态的线索（未流失、未完成）</translation>
        </message>
        <message>
            <source>Leads by country</source>
            <translation>各国线索</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>流失</translation>
        </message>
        <message>
            <source>Lost: {reason}</source>
            <translation>流失：{reason}</translation>
        </message>
        <message>
            <source>Median time to first contact</source>
            <translation>首次联系中位时间</translation>
        </message>
        <message>
            <source>Median time to first contact (inquiries of the last 30 days)</source>
            <translation>首次联系中位时间（近 30 天咨询）</translation>
        </message>
        <message>
            <source>New leads nobody has contacted yet, however old</source>
            <translation>尚无人联系的新线索（不论多久）</translation>
        </message>
        <message>
            <source>Of the leads whose inquiry arrived in the last 30 days, how many reached Booked</source>
            <translation>近 30 天内咨询的线索中有多少到达“已预订”</translation>
        </message>
        <message>
            <source>Open Today: new inquiries by waiting time</source>
            <translation>打开“今天”：按等待时间排列的新咨询</translation>
        </message>
        <message>
            <source>Open leads</source>
            <translation>进行中线索</translation>
        </message>
        <message>
            <source>Reached {status}</source>
            <translation>已到达“{status}”</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Show all leads</source>
            <translation>显示全部线索</translation>
        </message>
        <message>
            <source>Time from the inquiry to the first call, email or message; inquiries still waiting are counted in the card beside it</source>
            <translation>从咨询到首次电话、邮件或消息的时间；仍在等待的咨询计入旁边的卡片</translation>
        </message>
        <message>
            <source>Waiting for first contact</source>
            <translation>等待首次联系</translation>
        </message>
        <message>
            <source>Why leads were lost</source>
            <translation>线索流失原因</translation>
        </message>
        <message>
            <source>as of {time}</source>
            <translation>截至 {time}</translation>
        </message>
        <message>
            <source>over {count} contacted inquiries</source>
            <translation>基于 {count} 条已联系的咨询</translation>
        </message>
        <message>
            <source>{count} of the {total} inquiries in 30 days</source>
            <translation>30 天内 {total} 条咨询中的 {count} 条</translation>
        </message>
        <message>
            <source>{count} open</source>
            <translation>{count} 条进行中</translation>
        </message>
        <message>
            <source>{part} of {whole}</source>
            <translation>{whole} 中的 {part}</translation>
        </message>
        <message>
            <source>{part} of {whole} · {late} late</source>
            <translation>{whole} 中的 {part} · 逾期 {late}</translation>
        </message>
        <message>
            <source>{share}  ({part} of {whole})</source>
            <translation>{share}  （{whole} 中的 {part}）</translation>
        </message>
        <message>
            <source>{source}, week of {week}</source>
            <translation>{source}，{week} 当周</translation>
        </message>
    </context>
    <context>
        <name>Domain</name>
        <message>
            <source>Accommodation booking</source>
            <translation>预订住宿</translation>
        </message>
        <message>
            <source>Active infection or organ failure</source>
            <translation>活动性感染或器官衰竭</translation>
        </message>
        <message>
            <source>Aftercare</source>
            <translation>随访康复</translation>
        </message>
        <message>
            <source>Airport pickup</source>
            <translation>机场接机</translation>
        </message>
        <message>
            <source>Autoimmune</source>
            <translation>自身免疫病</translation>
        </message>
        <message>
            <source>Booked</source>
            <translation>已预订</translation>
        </message>
        <message>
            <source>Budget</source>
            <translation>预算</translation>
        </message>
        <message>
            <source>Budget currency</source>
            <translation>预算币种</translation>
        </message>
        <message>
            <source>Busy</source>
            <translation>忙线</translation>
        </message>
        <message>
            <source>Call-back requested</source>
            <translation>要求回电</translation>
        </message>
        <message>
            <source>Cannot travel</source>
            <translation>无法出行</translation>
        </message>
        <message>
            <source>Case update</source>
            <translation>病例更新</translation>
        </message>
        <message>
            <source>Chose another provider</source>
            <translation>选择了其他机构</translation>
        </message>
        <message>
            <source>Companions</source>
            <translation>陪同人员</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>Consent given by</source>
            <translation>同意方式</translation>
        </message>
        <message>
            <source>Consent to store health data</source>
            <translation>同意存储健康数据</translation>
        </message>
        <message>
            <source>Contacted</source>
            <translation>已联系</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>协调员</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>国家</translation>
        </message>
        <message>
            <source>Decision pending</source>
            <translation>待决定</translation>
        </message>
        <message>
            <source>Diagnosis</source>
            <translation>诊断</translation>
        </message>
        <message>
            <source>Diagnosis category</source>
            <translation>诊断类别</translation>
        </message>
        <message>
            <source>Diagnosis not treatable with our programs</source>
            <translation>诊断不在我们项目的治疗范围内</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>重复</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <source>Email received</source>
            <translation>收到邮件</translation>
        </message>
        <message>
            <source>Email sent</source>
            <translation>已发邮件</translation>
        </message>
        <message>
            <source>Flight booking</source>
            <translation>预订机票</translation>
        </message>
        <message>
            <source>In 3 days</source>
            <translation>3 天后</translation>
        </message>
        <message>
            <source>In person</source>
            <translation>当面</translation>
        </message>
        <message>
            <source>In treatment</source>
            <translation>治疗中</translation>
        </message>
        <message>
            <source>Incoming call</source>
            <translation>来电</translation>
        </message>
        <message>
            <source>Inquiry received</source>
            <translation>收到咨询</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Leukemia</source>
            <translation>白血病</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>流失</translation>
        </message>
        <message>
            <source>Lymphoma</source>
            <translation>淋巴瘤</translation>
        </message>
        <message>
            <source>Medical records deadline</source>
            <translation>病历截止日期</translation>
        </message>
        <message>
            <source>Medical review</source>
            <translation>医学评估</translation>
        </message>
        <message>
            <source>Meeting</source>
            <translation>会面</translation>
        </message>
        <message>
            <source>Message received</source>
            <translation>收到消息</translation>
        </message>
        <message>
            <source>Message sent</source>
            <translation>已发消息</translation>
        </message>
        <message>
            <source>Messengers</source>
            <translation>即时通讯</translation>
        </message>
        <message>
            <source>Multiple myeloma</source>
            <translation>多发性骨髓瘤</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Name in Latin letters</source>
            <translation>拉丁字母姓名</translation>
        </message>
        <message>
            <source>New</source>
            <translation>新线索</translation>
        </message>
        <message>
            <source>Next follow-up</source>
            <translation>下次跟进</translation>
        </message>
        <message>
            <source>Next week</source>
            <translation>下周</translation>
        </message>
        <message>
            <source>No answer</source>
            <translation>无人接听</translation>
        </message>
        <message>
            <source>No response after follow-ups</source>
            <translation>多次跟进无回应</translation>
        </message>
        <message>
            <source>Not eligible</source>
            <translation>不符合条件</translation>
        </message>
        <message>
            <source>Not interested</source>
            <translation>不感兴趣</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Outgoing call</source>
            <translation>去电</translation>
        </message>
        <message>
            <source>Packet sent</source>
            <translation>已发送资料包</translation>
        </message>
        <message>
            <source>Patient passed away</source>
            <translation>患者已离世</translation>
        </message>
        <message>
            <source>Performance status too low</source>
            <translation>体能状态过低</translation>
        </message>
        <message>
            <source>Phone call</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Phones</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Post</source>
            <translation>邮寄</translation>
        </message>
        <message>
            <source>Prior CAR-T failure without new target</source>
            <translation>既往 CAR-T 失败且无新靶点</translation>
        </message>
        <message>
            <source>Program</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Qualified</source>
            <translation>已确认意向</translation>
        </message>
        <message>
            <source>Quote sent</source>
            <translation>已发报价</translation>
        </message>
        <message>
            <source>Reached</source>
            <translation>已接通</translation>
        </message>
        <message>
            <source>Records received</source>
            <translation>已收到病历</translation>
        </message>
        <message>
            <source>SMS</source>
            <translation>短信</translation>
        </message>
        <message>
            <source>Solid tumour</source>
            <translation>实体瘤</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Telegram</source>
            <translation>Telegram</translation>
        </message>
        <message>
            <source>Time zone</source>
            <translation>时区</translation>
        </message>
        <message>
            <source>Tomorrow</source>
            <translation>明天</translation>
        </message>
        <message>
            <source>Too expensive</source>
            <translation>费用太高</translation>
        </message>
        <message>
            <source>Treated at home</source>
            <translation>在本国治疗</translation>
        </message>
        <message>
            <source>Unreachable</source>
            <translation>无法联系</translation>
        </message>
        <message>
            <source>Visa application</source>
            <translation>签证申请</translation>
        </message>
        <message>
            <source>VoIP</source>
            <translation>网络电话</translation>
        </message>
        <message>
            <source>Voicemail</source>
            <translation>语音信箱</translation>
        </message>
        <message>
            <source>Waiting for a first contact</source>
            <translation>等待首次联系</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>微信</translation>
        </message>
        <message>
            <source>WhatsApp</source>
            <translation>WhatsApp</translation>
        </message>
        <message>
            <source>Why assigned</source>
            <translation>分配原因</translation>
        </message>
        <message>
            <source>Wrong number</source>
            <translation>号码错误</translation>
        </message>
        <message>
            <source>everyone's</source>
            <translation>所有人</translation>
        </message>
        <message>
            <source>fixed line</source>
            <translation>固定电话</translation>
        </message>
        <message>
            <source>fixed line or mobile</source>
            <translation>固定电话或手机</translation>
        </message>
        <message>
            <source>mobile</source>
            <translation>手机</translation>
        </message>
        <message>
            <source>new leads with no call, message or email logged yet, however old</source>
            <translation>尚未记录任何电话、消息或邮件的新线索（不论多久）</translation>
        </message>
        <message>
            <source>pager</source>
            <translation>寻呼机</translation>
        </message>
        <message>
            <source>personal number</source>
            <translation>个人号码</translation>
        </message>
        <message>
            <source>premium rate</source>
            <translation>付费电话</translation>
        </message>
        <message>
            <source>shared cost</source>
            <translation>分摊费用电话</translation>
        </message>
        <message>
            <source>toll free</source>
            <translation>免费电话</translation>
        </message>
        <message>
            <source>universal access number</source>
            <translation>统一接入号码</translation>
        </message>
        <message>
            <source>voicemail</source>
            <translation>语音信箱</translation>
        </message>
        <message>
            <source>yours and the pool's</source>
            <translation>您的及公共池的</translation>
        </message>
    </context>
    <context>
        <name>DuplicateBanner</name>
        <message>
            <source>Hide this warning</source>
            <translation>隐藏此提示</translation>
        </message>
        <message>
            <source>Merge…</source>
            <translation>合并…</translation>
        </message>
    </context>
    <context>
        <name>Duration</name>
        <message>
            <source>just now</source>
            <translation>刚刚</translation>
        </message>
        <message>
            <source>{days} d</source>
            <translation>{days} 天</translation>
        </message>
        <message>
            <source>{days} d {hours} h</source>
            <translation>{days} 天 {hours} 小时</translation>
        </message>
        <message>
            <source>{hours} h</source>
            <translation>{hours} 小时</translation>
        </message>
        <message>
            <source>{hours} h {minutes} min</source>
            <translation>{hours} 小时 {minutes} 分</translation>
        </message>
        <message>
            <source>{minutes} min</source>
            <translation>{minutes} 分钟</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export failed</source>
            <translation>导出失败</translation>
        </message>
        <message>
            <source>Export finished</source>
            <translation>导出完成</translation>
        </message>
    </context>
    <context>
        <name>FirstRunDialog</name>
        <message>
            <source>. Choose again.</source>
            <translation>。请重新选择。</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Creating {count} demo leads…</source>
            <translation>正在创建 {count} 条演示线索…</translation>
        </message>
        <message>
            <source>Invented patients from many countries and scripts, with calls and follow-ups; they can be told apart by their example.* email addresses</source>
            <translation>来自多个国家、多种文字的虚构患者，含通话和跟进；可通过 example.* 邮箱地址辨认</translation>
        </message>
        <message>
            <source>MedTour Desk databases (*.db *.sqlite);;All files (*)</source>
            <translation>MedTour Desk 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
        </message>
        <message>
            <source>MedTour Desk keeps your agency's inquiries — patients and families asking about CAR T-cell therapy in China — with every call, follow-up and status, so nobody waits and nobody is forgotten.

There is no database on this computer yet. It will be created here, readable by your user only:
{path}</source>
            <translation>MedTour Desk 保存贵机构的所有咨询——询问中国 CAR-T 细胞治疗的患者及家属——以及每次通话、跟进和状态，不让任何人等待，也不遗漏任何人。

这台电脑上还没有数据库。将在此处创建，仅您的用户账户可读取：
{path}</translation>
        </message>
        <message>
            <source>Open a MedTour Desk database</source>
            <translation>打开 MedTour Desk 数据库</translation>
        </message>
        <message>
            <source>Open an existing database…</source>
            <translation>打开现有数据库…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Start with an empty database</source>
            <translation>从空数据库开始</translation>
        </message>
        <message>
            <source>Try it with {count} demo leads</source>
            <translation>用 {count} 条演示线索试用</translation>
        </message>
        <message>
            <source>Welcome to MedTour Desk</source>
            <translation>欢迎使用 MedTour Desk</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message numerus="yes">
            <source> — %Ln row(s) in all.</source>
            <translation>
                <numerusform> — 共 %Ln 行。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln duplicate(s) (added to the existing lead)</source>
            <translation>
                <numerusform>%Ln 条重复（已并入现有线索）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln imported</source>
            <translation>
                <numerusform>已导入 %Ln 条</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln rejected</source>
            <translation>
                <numerusform>拒绝 %Ln 条</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln warning(s)</source>
            <translation>
                <numerusform>%Ln 条警告</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln would be imported</source>
            <translation>
                <numerusform>将导入 %Ln 条</numerusform>
            </translation>
        </message>
        <message>
            <source>/path/to/inquiries.csv</source>
            <translation>/路径/inquiries.csv</translation>
        </message>
        <message>
            <source>A CSV export from the website form, a spreadsheet or another CRM.</source>
            <translation>来自网站表单、电子表格或其他 CRM 的 CSV 导出文件。</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>Budget</source>
            <translation>预算</translation>
        </message>
        <message>
            <source>CSV (*.csv);;JSON (*.json)</source>
            <translation>CSV (*.csv);;JSON (*.json)</translation>
        </message>
        <message>
            <source>CSV files (*.csv *.txt);;All files (*)</source>
            <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Cancelled: nothing was imported.</source>
            <translation>已取消：未导入任何内容。</translation>
        </message>
        <message>
            <source>Check the file</source>
            <translation>检查文件</translation>
        </message>
        <message>
            <source>Checking every row…</source>
            <translation>正在检查每一行…</translation>
        </message>
        <message>
            <source>Choose the file</source>
            <translation>选择文件</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>文件中的列</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>协调员</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>重复</translation>
        </message>
        <message>
            <source>Each column's field was guessed from its header. Correct any guess; columns set to “ignore” are left out.</source>
            <translation>各列对应的字段是根据表头推测的。请更正推测有误的列；设为“忽略”的列不导入。</translation>
        </message>
        <message>
            <source>Encoding</source>
            <translation>编码</translation>
        </message>
        <message>
            <source>Every row was checked without writing anything.</source>
            <translation>已检查每一行，未写入任何内容。</translation>
        </message>
        <message>
            <source>File to import</source>
            <translation>要导入的文件</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>名</translation>
        </message>
        <message>
            <source>First values</source>
            <translation>前几个值</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message numerus="yes">
            <source>Import %Ln lead(s)</source>
            <translation>
                <numerusform>导入 %Ln 条线索</numerusform>
            </translation>
        </message>
        <message>
            <source>Import inquiries</source>
            <translation>导入咨询</translation>
        </message>
        <message>
            <source>Imported</source>
            <translation>已导入</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>正在导入…</translation>
        </message>
        <message>
            <source>Importing… (Cancel in the progress window writes nothing)</source>
            <translation>正在导入…（在进度窗口中取消将不写入任何内容）</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>姓</translation>
        </message>
        <message>
            <source>Lead</source>
            <translation>线索</translation>
        </message>
        <message>
            <source>Lead field</source>
            <translation>线索字段</translation>
        </message>
        <message>
            <source>Match the columns</source>
            <translation>匹配列</translation>
        </message>
        <message>
            <source>Message (the inquiry)</source>
            <translation>留言（咨询内容）</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Nothing was imported: {error}</source>
            <translation>未导入任何内容：{error}</translation>
        </message>
        <message>
            <source>One transaction: every row below is in the database, or none is.</source>
            <translation>单一事务：下方所有行要么全部写入数据库，要么全部不写入。</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>已拒绝</translation>
        </message>
        <message>
            <source>Report not saved</source>
            <translation>报告未保存</translation>
        </message>
        <message>
            <source>Report saved to {path}.</source>
            <translation>报告已保存到 {path}。</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>行</translation>
        </message>
        <message>
            <source>Save report…</source>
            <translation>保存报告…</translation>
        </message>
        <message>
            <source>Save the import report</source>
            <translation>保存导入报告</translation>
        </message>
        <message>
            <source>Second phone</source>
            <translation>第二电话</translation>
        </message>
        <message>
            <source>Submitted at</source>
            <translation>提交时间</translation>
        </message>
        <message>
            <source>Telegram</source>
            <translation>Telegram</translation>
        </message>
        <message>
            <source>The encoding could not be told for sure. Pick the line where the text reads right, then confirm below the table.</source>
            <translation>无法确定编码。请选择文字显示正确的那一行，然后在表格下方确认。</translation>
        </message>
        <message>
            <source>The encoding is {encoding}; change it only if the table looks garbled.</source>
            <translation>编码为 {encoding}；仅当表格显示乱码时才需更改。</translation>
        </message>
        <message>
            <source>The file cannot be read as {encoding}: {error}</source>
            <translation>无法按 {encoding} 读取文件：{error}</translation>
        </message>
        <message>
            <source>The file could not be checked: {error}</source>
            <translation>无法检查文件：{error}</translation>
        </message>
        <message>
            <source>The first rows as they will be read.</source>
            <translation>前几行的读取效果。</translation>
        </message>
        <message>
            <source>The names and words in the table read correctly</source>
            <translation>表格中的姓名和文字显示正确</translation>
        </message>
        <message>
            <source>There is no file at {path}.</source>
            <translation>{path} 处没有文件。</translation>
        </message>
        <message>
            <source>Warnings</source>
            <translation>警告</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>微信</translation>
        </message>
        <message>
            <source>What the import will do</source>
            <translation>导入预览</translation>
        </message>
        <message>
            <source>WhatsApp</source>
            <translation>WhatsApp</translation>
        </message>
        <message>
            <source>Would be added to a lead</source>
            <translation>将并入现有线索</translation>
        </message>
        <message>
            <source>Would be imported</source>
            <translation>将导入</translation>
        </message>
        <message>
            <source>Would be rejected</source>
            <translation>将被拒绝</translation>
        </message>
        <message>
            <source>comma</source>
            <translation>逗号</translation>
        </message>
        <message>
            <source>semicolon</source>
            <translation>分号</translation>
        </message>
        <message>
            <source>tab</source>
            <translation>制表符</translation>
        </message>
        <message>
            <source>vertical bar</source>
            <translation>竖线</translation>
        </message>
        <message numerus="yes">
            <source>{file}: %Ln column(s), separated by {delimiter}; encoding {encoding}.</source>
            <translation>
                <numerusform>{file}：%Ln 列，分隔符为{delimiter}；编码 {encoding}。</numerusform>
            </translation>
        </message>
        <message>
            <source>— ignore —</source>
            <translation>— 忽略 —</translation>
        </message>
    </context>
    <context>
        <name>LanguagePicker</name>
        <message>
            <source>Type to search: Russian, العربية, 中文…</source>
            <translation>输入以搜索：俄语、العربية、Russian…</translation>
        </message>
    </context>
    <context>
        <name>LeadChangedBanner</name>
        <message>
            <source>Reload</source>
            <translation>重新加载</translation>
        </message>
        <message>
            <source>Show the newest version (your unsaved changes are discarded)</source>
            <translation>显示最新版本（将丢弃您未保存的更改）</translation>
        </message>
    </context>
    <context>
        <name>LeadEditor</name>
        <message>
            <source>Cannot save yet</source>
            <translation>暂时无法保存</translation>
        </message>
        <message>
            <source>Cannot undo</source>
            <translation>无法撤销</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>Discard your changes?</source>
            <translation>放弃您的更改？</translation>
        </message>
        <message>
            <source>History</source>
            <translation>历史</translation>
        </message>
        <message>
            <source>History ({count})</source>
            <translation>历史（{count}）</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation>继续编辑</translation>
        </message>
        <message>
            <source>Log a call (Ctrl+L)</source>
            <translation>记录通话 (Ctrl+L)</translation>
        </message>
        <message>
            <source>Log call…</source>
            <translation>记录通话…</translation>
        </message>
        <message>
            <source>Move to</source>
            <translation>移至</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source>Not saved: changed by someone else</source>
            <translation>未保存：已被他人修改</translation>
        </message>
        <message>
            <source>Not saved: your changes are kept here</source>
            <translation>未保存：您的更改仍保留在此</translation>
        </message>
        <message>
            <source>Nothing to save</source>
            <translation>没有需要保存的内容</translation>
        </message>
        <message>
            <source>Reload and discard</source>
            <translation>重新加载并放弃</translation>
        </message>
        <message>
            <source>Reloaded</source>
            <translation>已重新加载</translation>
        </message>
        <message>
            <source>Reloaded: your changes were discarded</source>
            <translation>已重新加载：您的更改已丢弃</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>保存 (Ctrl+S)</translation>
        </message>
        <message>
            <source>Saved {time}</source>
            <translation>已于 {time} 保存</translation>
        </message>
        <message>
            <source>The patient's time zone</source>
            <translation>患者所在时区</translation>
        </message>
        <message>
            <source>This lead was changed elsewhere. Reload it and lose the changes made here?</source>
            <translation>此线索已在别处被修改。要重新加载并丢失此处的更改吗？</translation>
        </message>
        <message>
            <source>Undo the last status change</source>
            <translation>撤销上一次状态变更</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>未保存的更改</translation>
        </message>
        <message>
            <source>{city} — now {time} ({zone})</source>
            <translation>{city} — 现在 {time}（{zone}）</translation>
        </message>
        <message>
            <source>{name}'s number covers {count} time zones. Which is theirs? It is kept on the lead, so the local time is exact from now on.</source>
            <translation>{name} 的号码覆盖 {count} 个时区。哪个是其所在时区？选择将保存在线索中，此后当地时间将准确显示。</translation>
        </message>
    </context>
    <context>
        <name>LeadForm</name>
        <message>
            <source> — outside calling hours ({start}–{end})</source>
            <translation> — 不在通话时段（{start}–{end}）</translation>
        </message>
        <message>
            <source>@username or number</source>
            <translation>@用户名或号码</translation>
        </message>
        <message>
            <source>As in the passport, e.g. Ivan Petrov</source>
            <translation>与护照一致，例如 Ivan Petrov</translation>
        </message>
        <message>
            <source>As the patient writes it, in any script</source>
            <translation>按患者本人的写法，任意文字</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Choose the patient's time zone…</source>
            <translation>选择患者所在时区…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清除</translation>
        </message>
        <message>
            <source>Consent</source>
            <translation>同意</translation>
        </message>
        <message>
            <source>From the number</source>
            <translation>根据号码</translation>
        </message>
        <message>
            <source>Given {when}</source>
            <translation>已于 {when} 同意</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>返回</translation>
        </message>
        <message>
            <source>How it was given</source>
            <translation>同意方式</translation>
        </message>
        <message>
            <source>How to reach them</source>
            <translation>联系方式</translation>
        </message>
        <message>
            <source>In writing, by email</source>
            <translation>书面，通过电子邮件</translation>
        </message>
        <message>
            <source>Local time</source>
            <translation>当地时间</translation>
        </message>
        <message>
            <source>Medical</source>
            <translation>医疗信息</translation>
        </message>
        <message>
            <source>Messenger</source>
            <translation>即时通讯</translation>
        </message>
        <message>
            <source>Not given: saving health details will ask for a confirmation.</source>
            <translation>未同意：保存健康信息时将要求确认。</translation>
        </message>
        <message>
            <source>Not set</source>
            <translation>未设置</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>号码</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>患者</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>计划</translation>
        </message>
        <message>
            <source>Save anyway</source>
            <translation>仍然保存</translation>
        </message>
        <message>
            <source>Save anyway?</source>
            <translation>仍要保存吗？</translation>
        </message>
        <message>
            <source>Save health details without consent?</source>
            <translation>未经同意保存健康信息？</translation>
        </message>
        <message>
            <source>Signed consent form</source>
            <translation>已签署同意书</translation>
        </message>
        <message>
            <source>The lead needs a name.</source>
            <translation>线索需要填写姓名。</translation>
        </message>
        <message>
            <source>The number covers several time zones: choose the patient's</source>
            <translation>该号码覆盖多个时区：请选择患者所在时区</translation>
        </message>
        <message>
            <source>The patient agreed that we store their health data</source>
            <translation>患者同意我们存储其健康数据</translation>
        </message>
        <message>
            <source>The time is recorded when you save.</source>
            <translation>保存时记录时间。</translation>
        </message>
        <message>
            <source>Verbally, on a call</source>
            <translation>口头，通过电话</translation>
        </message>
        <message>
            <source>WeChat ID</source>
            <translation>微信号</translation>
        </message>
        <message>
            <source>Website form checkbox</source>
            <translation>网站表单勾选</translation>
        </message>
        <message>
            <source>Website form, WhatsApp, partner referral…</source>
            <translation>网站表单、WhatsApp、合作方推荐…</translation>
        </message>
        <message>
            <source>What the patient or the doctors wrote</source>
            <translation>患者或医生写的内容</translation>
        </message>
        <message>
            <source>name@example.com</source>
            <translation>name@example.com</translation>
        </message>
        <message>
            <source>unknown (no valid phone)</source>
            <translation>未知（无有效号码）</translation>
        </message>
        <message>
            <source>varies: choose the zone →</source>
            <translation>不确定：请选择时区 →</translation>
        </message>
    </context>
    <context>
        <name>LeadListModel</name>
        <message>
            <source> (not sortable: it depends on each phone)</source>
            <translation>（不可排序：取决于各个号码）</translation>
        </message>
        <message>
            <source>Coordinator</source>
            <translation>协调员</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>国家</translation>
        </message>
        <message>
            <source>Last contact</source>
            <translation>最近联系</translation>
        </message>
        <message>
            <source>Local time</source>
            <translation>当地时间</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>New inquiries not yet contacted: how long they have waited (amber after 2 h, red after 24 h)</source>
            <translation>尚未联系的新咨询：已等待时长（超过 2 小时为琥珀色，超过 24 小时为红色）</translation>
        </message>
        <message>
            <source>Next follow-up</source>
            <translation>下次跟进</translation>
        </message>
        <message>
            <source>No time zone known: the phone is not valid and no zone is set on the lead</source>
            <translation>时区未知：号码无效，线索也未设置时区</translation>
        </message>
        <message>
            <source>Patient's country</source>
            <translation>患者所在国家</translation>
        </message>
        <message>
            <source>Patient's local time now, from the phone's time zones or the zone set on the lead; green dot: working hours there; grey ring: outside 09:00–20:00; half dot: some of the country's zones</source>
            <translation>患者当前的当地时间，依据号码所属时区或线索上设置的时区；绿点：当地处于工作时间；灰圈：不在 09:00–20:00；半点：该国部分时区</translation>
        </message>
        <message>
            <source>Patient's name as written (Latin spelling in the tooltip)</source>
            <translation>患者姓名原文（拉丁拼写见提示）</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>收到时间</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>The lead's reference number</source>
            <translation>线索编号</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>等待</translation>
        </message>
        <message>
            <source>Waiting more than 2 hours for a first contact</source>
            <translation>等待首次联系已超过 2 小时</translation>
        </message>
        <message>
            <source>Waiting more than 24 hours for a first contact</source>
            <translation>等待首次联系已超过 24 小时</translation>
        </message>
        <message>
            <source>When the agency last reached out or spoke with the patient</source>
            <translation>机构最近一次联系或与患者交谈的时间</translation>
        </message>
        <message>
            <source>When the inquiry arrived</source>
            <translation>咨询到达时间</translation>
        </message>
        <message>
            <source>When to contact the patient next (your time)</source>
            <translation>下次联系患者的时间（您的时间）</translation>
        </message>
        <message>
            <source>Where the lead is in the pipeline</source>
            <translation>线索在流程中的位置</translation>
        </message>
        <message>
            <source>Who handles the lead</source>
            <translation>负责该线索的人</translation>
        </message>
        <message>
            <source>overdue {days} d</source>
            <translation>逾期 {days} 天</translation>
        </message>
        <message>
            <source>today {time}</source>
            <translation>今天 {time}</translation>
        </message>
        <message>
            <source>tomorrow {time}</source>
            <translation>明天 {time}</translation>
        </message>
        <message>
            <source>yesterday</source>
            <translation>昨天</translation>
        </message>
        <message>
            <source>yesterday {time}</source>
            <translation>昨天 {time}</translation>
        </message>
        <message>
            <source>{local}: outside 09:00–20:00; morning in {wait}</source>
            <translation>{local}：不在 09:00–20:00；{wait} 后到早上</translation>
        </message>
    </context>
    <context>
        <name>LeadListView</name>
        <message numerus="yes">
            <source>%Ln lead(s)</source>
            <translation>
                <numerusform>%Ln 条线索</numerusform>
            </translation>
        </message>
        <message>
            <source>All coordinators</source>
            <translation>全部协调员</translation>
        </message>
        <message>
            <source>All countries</source>
            <translation>全部国家</translation>
        </message>
        <message>
            <source>All sources</source>
            <translation>全部来源</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>Assign to…</source>
            <translation>分配给…</translation>
        </message>
        <message>
            <source>Find a lead</source>
            <translation>查找线索</translation>
        </message>
        <message>
            <source>Find a lead  (Ctrl+F)</source>
            <translation>查找线索  (Ctrl+F)</translation>
        </message>
        <message>
            <source>My leads</source>
            <translation>我的线索</translation>
        </message>
        <message>
            <source>Open leads</source>
            <translation>进行中线索</translation>
        </message>
        <message>
            <source>Search the leads</source>
            <translation>搜索线索</translation>
        </message>
        <message>
            <source>The list is narrowed to the leads behind a dashboard number; click to show all</source>
            <translation>列表仅显示仪表板某个数字对应的线索；点击显示全部</translation>
        </message>
        <message>
            <source>Type part of a name in any script (Иван, محمد, 王), a reference (L-2026-00042), an email or some phone digits; the list filters as you type</source>
            <translation>输入任意文字的部分姓名（Иван、محمد、王）、编号（L-2026-00042）、邮箱或部分电话号码；列表随输入即时筛选</translation>
        </message>
        <message>
            <source>Unassigned (the pool)</source>
            <translation>未分配（公共池）</translation>
        </message>
        <message numerus="yes">
            <source>{shown} of %Ln lead(s)</source>
            <translation>
                <numerusform>{shown} / %Ln 条线索</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LeadPanel</name>
        <message>
            <source>Close without saving</source>
            <translation>不保存并关闭</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation>继续编辑</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>未保存的更改</translation>
        </message>
        <message>
            <source>{name} has changes that are not saved. Close it and lose them?</source>
            <translation>{name} 有未保存的更改。关闭并丢弃这些更改吗？</translation>
        </message>
    </context>
    <context>
        <name>LeadTimeline</name>
        <message>
            <source>History</source>
            <translation>历史</translation>
        </message>
        <message>
            <source>History ({count})</source>
            <translation>历史（{count}）</translation>
        </message>
        <message>
            <source>Select an entry to read it in full.</source>
            <translation>选择一条记录以查看全文。</translation>
        </message>
        <message>
            <source>by {name}</source>
            <translation>记录人：{name}</translation>
        </message>
    </context>
    <context>
        <name>List</name>
        <message>
            <source>, </source>
            <translation>，</translation>
        </message>
    </context>
    <context>
        <name>LocalTime</name>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>varies</source>
            <translation>不定</translation>
        </message>
        <message>
            <source>varies ({span})</source>
            <translation>不定（{span}）</translation>
        </message>
    </context>
    <context>
        <name>LogCallDialog</name>
        <message>
            <source> (outside calling hours)</source>
            <translation>（不在通话时段）</translation>
        </message>
        <message>
            <source>Choose the outcome first: </source>
            <translation>请先选择结果：</translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>方向</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>时长</translation>
        </message>
        <message>
            <source>Enter saves · Shift+Enter new line</source>
            <translation>Enter 保存 · Shift+Enter 换行</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>跟进</translation>
        </message>
        <message>
            <source>Incoming (they called)</source>
            <translation>来电（对方打来）</translation>
        </message>
        <message>
            <source>Log a call — {reference}</source>
            <translation>记录通话 — {reference}</translation>
        </message>
        <message>
            <source>Move the lead from New to Contacted</source>
            <translation>将线索从“新线索”移至“已联系”</translation>
        </message>
        <message>
            <source>No follow-up</source>
            <translation>不跟进</translation>
        </message>
        <message>
            <source>None [0]</source>
            <translation>无 [0]</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Outgoing (we called)</source>
            <translation>去电（我方拨打）</translation>
        </message>
        <message>
            <source>Save call  ⏎</source>
            <translation>保存通话  ⏎</translation>
        </message>
        <message>
            <source>Start timer [T]</source>
            <translation>开始计时 [T]</translation>
        </message>
        <message>
            <source>Stop timer [T]</source>
            <translation>停止计时 [T]</translation>
        </message>
        <message>
            <source>The duration reads as m:ss (4:30) or minutes (5).</source>
            <translation>时长格式为 分:秒（4:30）或分钟数（5）。</translation>
        </message>
        <message>
            <source>What was said, what to send, who decides…</source>
            <translation>谈了什么、要发送什么、由谁决定…</translation>
        </message>
        <message>
            <source>last call {when}: {outcome}</source>
            <translation>上次通话 {when}：{outcome}</translation>
        </message>
        <message>
            <source>m:ss</source>
            <translation>分:秒</translation>
        </message>
        <message>
            <source>m:ss, or minutes; typing here stops the timer</source>
            <translation>分:秒或分钟数；在此输入会停止计时</translation>
        </message>
        <message>
            <source>no outcome</source>
            <translation>无结果</translation>
        </message>
        <message>
            <source>their time {time}</source>
            <translation>对方时间 {time}</translation>
        </message>
    </context>
    <context>
        <name>MainController</name>
        <message numerus="yes">
            <source>%Ln lead(s)</source>
            <translation>
                <numerusform>%Ln 条线索</numerusform>
            </translation>
        </message>
        <message>
            <source>All {count}</source>
            <translation>全部 {count} 条</translation>
        </message>
        <message>
            <source>Database: {location}</source>
            <translation>数据库：{location}</translation>
        </message>
        <message>
            <source>Every call, status change and packet is recorded under this name</source>
            <translation>所有通话、状态变更和资料包都以此名义记录</translation>
        </message>
        <message>
            <source>Export leads</source>
            <translation>导出线索</translation>
        </message>
        <message numerus="yes">
            <source>Exported %Ln lead(s) to {path}</source>
            <translation>
                <numerusform>已将 %Ln 条线索导出到 {path}</numerusform>
            </translation>
        </message>
        <message>
            <source>Family</source>
            <translation>家属</translation>
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
            <translation>无个人资料：设置 → 我的资料…</translation>
        </message>
        <message>
            <source>Packets need a real person to sign them; actions are recorded as "Coordinator"</source>
            <translation>资料包需要真实的人署名；操作暂以“协调员”名义记录</translation>
        </message>
        <message>
            <source>Partner catalogue: revision {revision} published</source>
            <translation>合作方目录：已发布第 {revision} 版</translation>
        </message>
        <message>
            <source>Patient packet</source>
            <translation>患者资料包</translation>
        </message>
        <message>
            <source>Patient packets (costs and the treatment journey, as a PDF) come next; this build does not make them yet.</source>
            <translation>患者资料包（PDF 格式的费用和治疗流程）即将推出；此版本尚不能生成。</translation>
        </message>
        <message>
            <source>Records</source>
            <translation>病历</translation>
        </message>
        <message>
            <source>Review &amp;&amp; quotes</source>
            <translation>评估与报价</translation>
        </message>
        <message>
            <source>Schedule</source>
            <translation>日程</translation>
        </message>
        <message numerus="yes">
            <source>The list shows {shown} of %Ln lead(s) (a search or filter is on).</source>
            <translation>
                <numerusform>列表显示 %Ln 条线索中的 {shown} 条（已启用搜索或筛选）。</numerusform>
            </translation>
        </message>
        <message>
            <source>These {count}</source>
            <translation>仅这 {count} 条</translation>
        </message>
        <message>
            <source>Unanswered for more than {days} days</source>
            <translation>超过 {days} 天未回复</translation>
        </message>
        <message>
            <source>Working as {name}</source>
            <translation>当前用户：{name}</translation>
        </message>
        <message>
            <source>{count} shown</source>
            <translation>显示 {count} 条</translation>
        </message>
        <message>
            <source>{reference}: back to {status}</source>
            <translation>{reference}：已退回“{status}”</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;About MedTour Desk</source>
            <translation>关于 MedTour Desk(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Close lead</source>
            <translation>关闭线索(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Export leads…</source>
            <translation>导出线索(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>查找(&amp;F)…</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Import leads…</source>
            <translation>导入线索(&amp;I)…</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>键盘快捷键(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Lead</source>
            <translation>线索(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Log call…</source>
            <translation>记录通话(&amp;L)…</translation>
        </message>
        <message>
            <source>&amp;Move to</source>
            <translation>移至(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;New lead…</source>
            <translation>新建线索(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Open database…</source>
            <translation>打开数据库(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Open lead</source>
            <translation>打开线索(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Print packet…</source>
            <translation>打印资料包(&amp;P)…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>刷新(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>设置(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Undo status change</source>
            <translation>撤销状态变更(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>Add invented leads to try the app</source>
            <translation>添加虚构线索以试用本程序</translation>
        </message>
        <message>
            <source>Change &amp;status…</source>
            <translation>更改状态(&amp;S)…</translation>
        </message>
        <message>
            <source>Close MedTour Desk</source>
            <translation>关闭 MedTour Desk</translation>
        </message>
        <message>
            <source>Close the lead shown in the lead panel</source>
            <translation>关闭线索面板中显示的线索</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>仪表板</translation>
        </message>
        <message>
            <source>Enter a new inquiry</source>
            <translation>录入新咨询</translation>
        </message>
        <message>
            <source>Every keyboard shortcut of the desk</source>
            <translation>本程序的全部键盘快捷键</translation>
        </message>
        <message>
            <source>Export the leads shown in the list to a CSV file</source>
            <translation>将列表中的线索导出为 CSV 文件</translation>
        </message>
        <message>
            <source>Import inquiries from a CSV file (website form, another CRM)</source>
            <translation>从 CSV 文件导入咨询（网站表单、其他 CRM）</translation>
        </message>
        <message>
            <source>Lead &amp;panel</source>
            <translation>线索面板(&amp;P)</translation>
        </message>
        <message>
            <source>Leads</source>
            <translation>线索</translation>
        </message>
        <message>
            <source>Load &amp;demo data…</source>
            <translation>加载演示数据(&amp;D)…</translation>
        </message>
        <message>
            <source>Loading the dashboard…</source>
            <translation>正在加载仪表板…</translation>
        </message>
        <message>
            <source>Log a call with the selected lead</source>
            <translation>为所选线索记录通话</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>主工具栏</translation>
        </message>
        <message>
            <source>Make the patient packet (costs and the treatment journey)</source>
            <translation>生成患者资料包（费用和治疗流程）</translation>
        </message>
        <message>
            <source>MedTour Desk</source>
            <translation>MedTour Desk</translation>
        </message>
        <message>
            <source>Move the selected lead to another status</source>
            <translation>将所选线索移至其他状态</translation>
        </message>
        <message>
            <source>Move the selected leads one stage back (the pipeline says where a lead may go)</source>
            <translation>将所选线索退回上一阶段（流程会说明可移至何处）</translation>
        </message>
        <message>
            <source>Move the selected leads one stage forward</source>
            <translation>将所选线索推进到下一阶段</translation>
        </message>
        <message>
            <source>Move the selected leads to {status}</source>
            <translation>将所选线索移至“{status}”</translation>
        </message>
        <message>
            <source>Move to &amp;next stage</source>
            <translation>移至下一阶段(&amp;N)</translation>
        </message>
        <message>
            <source>Move to &amp;previous stage</source>
            <translation>移至上一阶段(&amp;P)</translation>
        </message>
        <message>
            <source>My &amp;profile…</source>
            <translation>我的资料(&amp;P)…</translation>
        </message>
        <message>
            <source>No lead is open.
Double-click a lead (or select it and press Enter) to open it here; several leads can stay open, Ctrl+W closes the one shown.</source>
            <translation>未打开线索。
双击线索（或选中后按 Enter）即可在此打开；可同时打开多条线索，Ctrl+W 关闭当前显示的线索。</translation>
        </message>
        <message>
            <source>Open another MedTour Desk database file</source>
            <translation>打开另一个 MedTour Desk 数据库文件</translation>
        </message>
        <message>
            <source>Open leads</source>
            <translation>已打开的线索</translation>
        </message>
        <message>
            <source>Open the selected lead in the lead panel</source>
            <translation>在线索面板中打开所选线索</translation>
        </message>
        <message>
            <source>P&amp;references…</source>
            <translation>偏好设置(&amp;R)…</translation>
        </message>
        <message>
            <source>Partner &amp;catalogue…</source>
            <translation>合作方目录(&amp;C)…</translation>
        </message>
        <message>
            <source>Partner hospitals, their programs and prices (admins edit it)</source>
            <translation>合作医院及其项目和价格（由管理员编辑）</translation>
        </message>
        <message>
            <source>Pipeline</source>
            <translation>流程</translation>
        </message>
        <message>
            <source>Put the lead back where the last status change took it from</source>
            <translation>将线索恢复到上一次状态变更之前的状态</translation>
        </message>
        <message>
            <source>Read the lists again</source>
            <translation>重新读取列表</translation>
        </message>
        <message>
            <source>Search the leads</source>
            <translation>搜索线索</translation>
        </message>
        <message>
            <source>Show {view}</source>
            <translation>显示{view}</translation>
        </message>
        <message>
            <source>The desk's language</source>
            <translation>界面语言</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>Version and components</source>
            <translation>版本和组件</translation>
        </message>
        <message>
            <source>Your name and contact details, as packets show them</source>
            <translation>您的姓名和联系方式（显示在资料包中）</translation>
        </message>
    </context>
    <context>
        <name>NewLeadDialog</name>
        <message>
            <source>A name and one way to reach the person are enough; the rest can follow. A phone or email that is already on file is pointed out as you type.</source>
            <translation>填写姓名和一种联系方式即可，其余可稍后补充。输入时会提示已存在的电话或邮箱。</translation>
        </message>
        <message>
            <source>Add it to {reference}</source>
            <translation>并入 {reference}</translation>
        </message>
        <message>
            <source>Already a lead</source>
            <translation>线索已存在</translation>
        </message>
        <message>
            <source>Create a separate lead</source>
            <translation>另建一条线索</translation>
        </message>
        <message>
            <source>Create lead</source>
            <translation>创建线索</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>放弃</translation>
        </message>
        <message>
            <source>Discard this new lead?</source>
            <translation>放弃这条新线索？</translation>
        </message>
        <message>
            <source>Inquiry</source>
            <translation>咨询</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation>继续编辑</translation>
        </message>
        <message>
            <source>New lead</source>
            <translation>新建线索</translation>
        </message>
        <message>
            <source>Open {reference} instead</source>
            <translation>改为打开 {reference}</translation>
        </message>
        <message>
            <source>What should happen with this inquiry?</source>
            <translation>如何处理这条咨询？</translation>
        </message>
        <message>
            <source>What they asked, in their words (saved as the inquiry)</source>
            <translation>对方的原话（保存为咨询内容）</translation>
        </message>
        <message>
            <source>What you typed has not been saved.</source>
            <translation>您输入的内容尚未保存。</translation>
        </message>
    </context>
    <context>
        <name>PacketPlanPanel</name>
        <message>
            <source> (requested; not confirmed to fit)</source>
            <translation>（已申请；尚未确认适合）</translation>
        </message>
        <message>
            <source>; one companion counted: the hospital requires one</source>
            <translation>；已计入一名陪同人员：医院要求有陪同</translation>
        </message>
        <message>
            <source>Estimate</source>
            <translation>估算</translation>
        </message>
        <message>
            <source>Estimate from the hospital's price ranges</source>
            <translation>根据医院价格区间的估算</translation>
        </message>
        <message>
            <source>First steps: no program, no price yet</source>
            <translation>第一步：尚无方案，尚无价格</translation>
        </message>
        <message>
            <source>Hospital:</source>
            <translation>医院：</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Kind:</source>
            <translation>类型：</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>语言：</translation>
        </message>
        <message>
            <source>Patient lives:</source>
            <translation>患者居住地：</translation>
        </message>
        <message>
            <source>Program:</source>
            <translation>项目：</translation>
        </message>
        <message>
            <source>Records to send</source>
            <translation>需发送的病历</translation>
        </message>
        <message>
            <source>Signed by:</source>
            <translation>签署人：</translation>
        </message>
        <message>
            <source>The case's chosen quote</source>
            <translation>病例选定的报价</translation>
        </message>
        <message>
            <source>Travellers:</source>
            <translation>出行人数：</translation>
        </message>
        <message>
            <source>What this packet is built from</source>
            <translation>本资料包的依据</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>abroad ({country})</source>
            <translation>在国外（{country}）</translation>
        </message>
        <message>
            <source>country not recorded</source>
            <translation>未记录国家</translation>
        </message>
        <message>
            <source>in the hospital's country (no visa, no interpreter)</source>
            <translation>在医院所在国（无需签证和翻译）</translation>
        </message>
        <message>
            <source>no WhatsApp number</source>
            <translation>没有 WhatsApp 号码</translation>
        </message>
        <message>
            <source>none proposed</source>
            <translation>尚未提出</translation>
        </message>
        <message>
            <source>none yet</source>
            <translation>暂无</translation>
        </message>
        <message>
            <source>{count} (patient and companions)</source>
            <translation>{count}（患者及陪同人员）</translation>
        </message>
        <message>
            <source>{count} (patient only)</source>
            <translation>{count}（仅患者）</translation>
        </message>
    </context>
    <context>
        <name>PacketPreviewDialog</name>
        <message numerus="yes">
            <source>%Ln page(s)</source>
            <translation>
                <numerusform>%Ln 页</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>打印(&amp;P)…</translation>
        </message>
        <message>
            <source>&amp;Save…</source>
            <translation>保存(&amp;S)…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>语言：</translation>
        </message>
        <message>
            <source>Lead's program</source>
            <translation>线索的项目</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Patient packet</source>
            <translation>患者资料包</translation>
        </message>
        <message>
            <source>Patient's language</source>
            <translation>患者语言</translation>
        </message>
        <message>
            <source>Preparing the packet…</source>
            <translation>正在生成资料包…</translation>
        </message>
        <message>
            <source>Print packet</source>
            <translation>打印资料包</translation>
        </message>
        <message>
            <source>Program:</source>
            <translation>项目：</translation>
        </message>
        <message>
            <source>Save packet</source>
            <translation>保存资料包</translation>
        </message>
        <message>
            <source>Saved to {path}</source>
            <translation>已保存到 {path}</translation>
        </message>
        <message>
            <source>Sent to the printer</source>
            <translation>已发送到打印机</translation>
        </message>
        <message>
            <source>The packet could not be made.</source>
            <translation>无法生成资料包。</translation>
        </message>
        <message>
            <source>The printer could not be opened.</source>
            <translation>无法打开打印机。</translation>
        </message>
        <message>
            <source>no program proposed yet (the doctors review first)</source>
            <translation>尚未建议项目（先由医生评估）</translation>
        </message>
        <message>
            <source>{size} KB</source>
            <translation>{size} KB</translation>
        </message>
    </context>
    <context>
        <name>PhoneField</name>
        <message>
            <source>+ Add phone</source>
            <translation>+ 添加电话</translation>
        </message>
        <message>
            <source>+7 916 123-45-67 or a local number</source>
            <translation>+7 916 123-45-67 或本地号码</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>家庭</translation>
        </message>
        <message>
            <source>Mobile</source>
            <translation>手机</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Phone number</source>
            <translation>电话号码</translation>
        </message>
        <message>
            <source>Remove this phone</source>
            <translation>删除此电话</translation>
        </message>
        <message>
            <source>WhatsApp</source>
            <translation>WhatsApp</translation>
        </message>
        <message>
            <source>Work</source>
            <translation>工作</translation>
        </message>
        <message>
            <source>not a valid number</source>
            <translation>号码无效</translation>
        </message>
        <message>
            <source>{problem} (kept as typed)</source>
            <translation>{problem}（按输入保留）</translation>
        </message>
    </context>
    <context>
        <name>PipelineView</name>
        <message>
            <source> (a reason is asked)</source>
            <translation>（需填写原因）</translation>
        </message>
        <message numerus="yes">
            <source>%Ln lead(s)</source>
            <translation>
                <numerusform>%Ln 条线索</numerusform>
            </translation>
        </message>
        <message>
            <source>Drag leads onto a stage, or select them and press Ctrl+→ for the next stage; Ctrl+Z undoes the last move. Alt+←/→ shows the previous/next stage.</source>
            <translation>将线索拖到某个阶段，或选中后按 Ctrl+→ 移至下一阶段；Ctrl+Z 撤销上一次移动。Alt+←/→ 显示上一/下一阶段。</translation>
        </message>
        <message>
            <source>Left the pipeline:</source>
            <translation>已离开流程：</translation>
        </message>
        <message numerus="yes">
            <source>New: %Ln lead(s) in status New</source>
            <translation>
                <numerusform>新线索：%Ln 条处于“新线索”状态</numerusform>
            </translation>
        </message>
        <message>
            <source>Next stage</source>
            <translation>下一阶段</translation>
        </message>
        <message>
            <source>Pipeline</source>
            <translation>流程</translation>
        </message>
        <message>
            <source>Previous stage</source>
            <translation>上一阶段</translation>
        </message>
        <message>
            <source>{count} of them {waiting} ({means}), {contacted} contacted but not moved on</source>
            <translation>其中 {count} 条{waiting}（{means}），{contacted} 条已联系但未推进</translation>
        </message>
        <message numerus="yes">
            <source>{status}: %Ln lead(s), soonest follow-up first</source>
            <translation>
                <numerusform>{status}：%Ln 条线索，最近跟进在前</numerusform>
            </translation>
        </message>
        <message>
            <source>{status}: click to list its leads; drop leads here to move them</source>
            <translation>{status}：点击列出其线索；将线索拖放到此处即可移动</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Dates, times and numbers follow the language's own conventions.</source>
            <translation>日期、时间和数字遵循所选语言的习惯。</translation>
        </message>
        <message>
            <source>Language of the desk</source>
            <translation>界面语言</translation>
        </message>
        <message>
            <source>Preferences</source>
            <translation>偏好设置</translation>
        </message>
        <message>
            <source>System language ({language})</source>
            <translation>系统语言（{language}）</translation>
        </message>
        <message>
            <source>The new language applies when MedTour Desk is started again.</source>
            <translation>新语言将在重新启动 MedTour Desk 后生效。</translation>
        </message>
    </context>
    <context>
        <name>StatusDialog</name>
        <message>
            <source>  (needs a reason)</source>
            <translation>  （需填写原因）</translation>
        </message>
        <message>
            <source>Before '{status}':</source>
            <translation>进入“{status}”之前：</translation>
        </message>
        <message>
            <source>Change status</source>
            <translation>更改状态</translation>
        </message>
        <message>
            <source>Change status — {reference}</source>
            <translation>更改状态 — {reference}</translation>
        </message>
        <message>
            <source>Move to</source>
            <translation>移至</translation>
        </message>
        <message>
            <source>Now: {status}</source>
            <translation>当前：{status}</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>选填</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Required: choose or type why</source>
            <translation>必填：选择或输入原因</translation>
        </message>
    </context>
    <context>
        <name>StatusMoves</name>
        <message>
            <source>A lead at {where} has no next stage; it may move to: {options}.</source>
            <translation>处于{where}的线索没有下一阶段；可移至：{options}。</translation>
        </message>
        <message>
            <source>A lead at {where} has no previous stage; it may move to: {options}.</source>
            <translation>处于{where}的线索没有上一阶段；可移至：{options}。</translation>
        </message>
        <message>
            <source>Move refused</source>
            <translation>移动被拒绝</translation>
        </message>
        <message>
            <source>Move to {status}</source>
            <translation>移至“{status}”</translation>
        </message>
        <message>
            <source>No status change was made in this window; select a lead to undo its last change.</source>
            <translation>此窗口中未进行状态变更；请选择线索以撤销其上一次变更。</translation>
        </message>
        <message>
            <source>Nothing to undo</source>
            <translation>没有可撤销的操作</translation>
        </message>
        <message>
            <source>Some moves refused</source>
            <translation>部分移动被拒绝</translation>
        </message>
        <message numerus="yes">
            <source>Why are these %Ln leads '{status}'?</source>
            <translation>
                <numerusform>为什么这 %Ln 条线索是“{status}”？</numerusform>
            </translation>
        </message>
        <message>
            <source>Why is this lead '{status}'?</source>
            <translation>为什么这条线索是“{status}”？</translation>
        </message>
        <message>
            <source>the end of the pipeline</source>
            <translation>流程终点</translation>
        </message>
    </context>
    <context>
        <name>TodayModel</name>
        <message>
            <source>Coordinator</source>
            <translation>协调员</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>国家</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>到期</translation>
        </message>
        <message>
            <source>Due {when} (your time)</source>
            <translation>到期 {when}（您的时间）</translation>
        </message>
        <message>
            <source>Local time</source>
            <translation>当地时间</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>No time zone known for this phone</source>
            <translation>此号码的时区未知</translation>
        </message>
        <message>
            <source>Outside 09:00–20:00 there; morning in {wait}</source>
            <translation>当地不在 09:00–20:00；{wait} 后到早上</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Status: {status}</source>
            <translation>状态：{status}</translation>
        </message>
        <message>
            <source>The phone's country spans several time zones; it is working hours in some of them</source>
            <translation>该号码所属国家跨多个时区；其中部分时区处于工作时间</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>等待</translation>
        </message>
        <message>
            <source>Waiting longer than the team's first-response target ({target})</source>
            <translation>等待时间超过团队首次响应目标（{target}）</translation>
        </message>
        <message>
            <source>Waiting more than 2 hours for a first contact</source>
            <translation>等待首次联系已超过 2 小时</translation>
        </message>
        <message>
            <source>Waiting more than 24 hours for a first contact</source>
            <translation>等待首次联系已超过 24 小时</translation>
        </message>
        <message>
            <source>Working hours there: {left} left today</source>
            <translation>当地工作时间：今天还剩 {left}</translation>
        </message>
        <message>
            <source>{waited} — past the {target} target</source>
            <translation>{waited} — 超过 {target} 目标</translation>
        </message>
    </context>
    <context>
        <name>TodayView</name>
        <message>
            <source> ({count} overdue)</source>
            <translation>（{count} 条逾期）</translation>
        </message>
        <message>
            <source> · {count} can be called now</source>
            <translation> · {count} 位现在可以致电</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) overdue</source>
            <translation>
                <numerusform>逾期 %n 天</numerusform>
            </translation>
        </message>
        <message>
            <source>({red} over 24 h, {amber} over 2 h)</source>
            <translation>（{red} 条超过 24 小时，{amber} 条超过 2 小时）</translation>
        </message>
        <message>
            <source>Case reminders</source>
            <translation>病例提醒</translation>
        </message>
        <message>
            <source>Case reminders: {count}</source>
            <translation>病例提醒：{count}</translation>
        </message>
        <message>
            <source>Could not load today's calls</source>
            <translation>无法加载今天的通话</translation>
        </message>
        <message>
            <source>Everyone's calls</source>
            <translation>所有人的通话</translation>
        </message>
        <message>
            <source>Follow-ups due</source>
            <translation>待跟进</translation>
        </message>
        <message>
            <source>Follow-ups due: {count}</source>
            <translation>待跟进：{count}</translation>
        </message>
        <message>
            <source>In call order: first the patients in working hours now (green dot) — whose day ends soonest first — then countries where only some zones are (half dot), then those asleep (grey ring), by how soon their morning comes.</source>
            <translation>按通话顺序：先是当前处于工作时间的患者（绿点），当天最早结束的排在前面；然后是仅部分时区处于工作时间的国家（半点）；最后是正在休息的患者（灰圈），按其早上到来的先后排列。</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>My Today</source>
            <translation>我的今天</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Reload the lists (F5)</source>
            <translation>重新加载列表 (F5)</translation>
        </message>
        <message>
            <source>Tasks of the patients' treatment schedules: double-click to open the case</source>
            <translation>患者治疗日程中的任务：双击打开病例</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>Unassigned inquiries (the pool)</source>
            <translation>未分配的咨询（公共池）</translation>
        </message>
        <message>
            <source>as of {time}</source>
            <translation>截至 {time}</translation>
        </message>
        <message numerus="yes">
            <source>due in %n day(s)</source>
            <translation>
                <numerusform>%n 天后到期</numerusform>
            </translation>
        </message>
        <message>
            <source>due today</source>
            <translation>今天到期</translation>
        </message>
        <message>
            <source>{count} older — show them in the list</source>
            <translation>另有 {count} 条更早的 — 在列表中显示</translation>
        </message>
        <message>
            <source>{name}'s calls</source>
            <translation>{name} 的通话</translation>
        </message>
        <message>
            <source>· {count} listed from the last {days} days</source>
            <translation>· 列出近 {days} 天的 {count} 条</translation>
        </message>
        <message>
            <source>· {count} past the {target} first-response target</source>
            <translation>· {count} 条超过首次响应目标 {target}</translation>
        </message>
    </context>
</TS>
