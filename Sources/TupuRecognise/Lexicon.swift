import TupuGazetteer
import TupuKit

/// Generic Chinese cue words the stages rely on: type suffixes, verbs, function
/// characters, titles, surnames. General language knowledge, never names from a corpus.
public enum Lexicon {
    /// Organisation type words with the `kind=` they imply and what must stand before them,
    /// read once from the organisation gazetteer's files (`Resources/organisations/`).
    /// A broken bundle is a packaging error, as a missing `Bundle.module` is.
    public static let orgTypeWords: [OrgTypeWord] = {
        do { return try OrganisationGazetteer.bundled().typeWords } catch { fatalError("\(error)") }
    }()

    /// The national and provincial bodies the organisation gazetteer names whole (公安部, 省民政厅).
    public static let orgNames: [OrgName] = {
        do { return try OrganisationGazetteer.bundled().names } catch { fatalError("\(error)") }
    }()

    /// Verbs, adverbs and prepositions a name never starts with (随着, 调研, 入驻), from the bundled list.
    public static let boundaryWords: [String] = {
        do { return try BoundaryWords.bundled() } catch { fatalError("\(error)") }
    }()

    /// `boundaryWords` as a lookup table, built once and shared by the stages that read it.
    public static let boundary = WordSet(boundaryWords)

    /// Named facilities read as programmes (kind=facility) when a proper name precedes them.
    public static let facilitySuffixes: [String] = [
        "之家", "纪念馆", "美术馆", "博物馆", "展览馆", "书屋", "驿站", "食堂", "会客厅", "讲堂", "学堂"
    ]

    /// Place-like areas that no division list holds (level=area), found by their suffix.
    public static let areaSuffixes: [String] = [
        "小区", "片区", "景区", "园区", "古村落", "开发区", "产业园", "科技城", "农创园", "研发楼", "小镇",
        "遗址", "大剧院"
    ]

    /// Area endings that are everyday words too (…苑, …花园, …公园, …广场): a name ending in one
    /// is a place only with strong context, a place before it or a locative verb (在, 位于, 走进 …).
    public static let weakAreaSuffixes: [String] = ["苑", "花园", "家园", "公园", "广场", "公寓", "雅居", "新村"]

    /// Words that, right after a quoted name, make it a programme, with the kind they imply.
    public static let programmeCues: [(word: String, kind: ProgrammeKind)] = [
        ("党建品牌", .brand), ("清廉品牌", .brand), ("人才品牌", .brand), ("品牌", .brand),
        ("系列活动", .campaign), ("主题活动", .campaign), ("活动", .campaign), ("行动", .campaign),
        ("工程", .project), ("项目", .project), ("计划", .project),
        ("服务项目", .service), ("服务机制", .service), ("服务", .service), ("班车", .service),
        ("工作法", .brand), ("机制", .project), ("制度", .project),
        ("驿站", .facility), ("红色驿站", .facility), ("食堂", .facility), ("平台", .product),
        ("助老项目", .project), ("形象", .brand), ("党课", .project), ("课程", .service), ("讲座", .event),
        ("功能区", .facility),
        ("精品游线", .product), ("游线", .product), ("基金", .project), ("节", .event), ("IP形象", .brand),
        ("工坊", .facility), ("共富工坊", .facility), ("调解室", .facility), ("议事厅", .facility),
        ("互助站", .facility), ("服务站", .facility), ("义诊", .service), ("基地", .facility), ("托管班", .service),
        ("服务点", .facility), ("党建联建", .brand), ("区域公用品牌", .brand), ("公用品牌", .brand), ("直播间", .facility), ("书院", .facility), ("夜市", .event), ("茶座", .service),
        ("培训", .project), ("培训班", .project), ("线路", .product)
    ]

    /// Endings inside a quoted name that make it a programme on their own.
    public static let programmeEndings: [(word: String, kind: ProgrammeKind)] = [
        ("行动", .campaign), ("活动", .campaign), ("工程", .project), ("项目", .project), ("计划", .project),
        ("驿站", .facility), ("食堂", .facility), ("讲堂", .facility), ("学堂", .project), ("课堂", .service),
        ("会客厅", .facility), ("研究院", .facility), ("基金", .project), ("节", .event), ("俱乐部", .service),
        ("恳谈会", .event), ("议事会", .event), ("平台", .product), ("服务", .service), ("家园", .facility),
        ("工坊", .facility), ("调解室", .facility), ("议事厅", .facility), ("村晚", .event),
        ("康复站", .facility), ("会诊", .service)
    ]

    /// A hospital's units that are named like its departments, after the hospital (…医院护理部).
    public static let hospitalUnits: [String] = ["护理部", "医务部", "门诊部", "住院部", "药学部"]

    /// Verbs by which an actor runs a programme (打造, 推出 …), strongest reading first.
    public static let runVerbs: [String] = [
        "打造", "推出", "开展", "成立", "建成", "建立", "运营", "负责", "主办", "承办", "举办", "推行", "实施",
        "打响", "启动", "开通", "开设", "创建", "组建", "设立", "落实", "召集", "设计", "推进", "深化", "擦亮",
        "丰富", "探索", "构建", "开发", "发起", "组织", "创新", "建设", "应用", "依托", "共同举办", "牵头"
    ]

    /// Words that join two actors who act together (partner relation).
    public static let partnerVerbs: [String] = [
        "联合", "携手", "合作", "结对", "共建", "签订", "联动", "联建", "协同", "对接", "牵手"
    ]

    /// Characters and words that cannot be inside a name: a left extension stops before them.
    public static let stopWords: [String] = [
        "的", "在", "与", "和", "及", "以及", "由", "是", "为", "了", "对", "将", "把", "向", "从", "到", "等",
        "也", "还", "并", "被", "让", "使", "给", "以", "于", "跟", "同", "据", "这", "那", "其",
        "已", "都", "就", "又", "再", "才", "有", "个", "名", "位", "家", "首", "各", "每", "或", "即",
        "来自", "邀请", "联合", "携手", "合作", "组织", "成立", "开展", "推出", "打造", "依托", "走进",
        "来到", "牵头", "带领", "指导", "支持", "举办", "前往", "参加", "加入", "组建", "建立", "通过",
        "设置", "落地", "分别", "利用", "担任", "聘为", "所在", "介绍", "表示", "说", "称", "目前",
        "如今", "近日", "日前", "今年", "去年", "近年来", "当天", "同时", "此外", "另外", "一直", "作为",
        "我们", "他们", "她们", "大家", "共同", "积极", "充分", "主动", "不断", "持续", "深入", "全面",
        "驶出", "发挥", "获评", "评为", "入选", "成为", "包括", "位于", "坐落", "辖区", "属地", "上门",
        "去", "做", "做优", "解决", "进行", "离不开", "扩大", "助力", "推动", "提升", "加强", "保障", "完善",
        "实现", "开放", "覆盖", "涌现", "回到", "带动", "吸引", "关心", "看望", "走访", "慰问", "召开", "启用",
        "揭牌", "投入", "增加", "多项", "多家", "一家", "两家", "这家", "首个", "探索", "深化", "结合", "围绕",
        "一支", "这支", "该支", "一个", "这些", "些", "可", "增强", "推行", "推进", "构建", "形成", "直达", "吃着",
        "各类", "整顿", "优化", "狠抓", "抓好", "打通", "改造", "先后", "盘活", "会员企业", "会员单位", "成员单位", "成员企业",
        // One person's second post (党支部书记兼村委会主任, 镇党委委员某某兼任党支部书记).
        "兼", "兼任"
    ]

    /// Words that start with 和 (harmony, not "and"): inside a name after its place (某镇和美调解联盟,
    /// 某地和乐餐饮公司) the 和 is the name's, not a list's. Words that also start names of their own
    /// (平安, 兴业: …公司和平安银行) are not here.
    public static let wordsStartingWithAnd: [String] = [
        "和合", "和谐", "和美", "和睦", "和顺", "和乐", "和鸣", "和风", "和畅", "和煦", "和悦", "和韵", "和善", "和气"
    ]

    /// `stopWords` as a lookup table, shared by every stage that stops a name at them.
    public static let stops = WordSet(stopWords)

    /// A count and its classifier (六方, 两支, 3个) ends a name on the left.
    public static let counted: [String] = {
        var words: [String] = []
        for n in "一二三四五六七八九十两几多数0123456789".unicodeScalars {
            for c in "方个家支名位项条场批所座地趟次处".unicodeScalars { words.append(String(n) + String(c)) }
        }
        return words
    }()

    /// Generic words that do not make a name proper (社区党委 is a back-reference, not a name).
    public static let genericNameParts: [String] = [
        "该", "本", "全", "各", "大", "区", "市", "县", "镇", "乡", "村", "街道", "社区", "区级", "市级",
        "县级", "镇级", "村级", "当地", "属地", "辖区", "基层", "相关", "有关", "上级", "下属", "所属",
        "服务", "党群", "养老", "志愿者", "志愿", "群众", "居民", "村民", "社会", "综合", "一站式", "文化",
        "机关", "部门", "单位", "党建", "党员", "红色", "周边", "景区", "镇里", "村里", "区域",
        "人才", "干部", "特色", "人员", "工作", "专业", "骨干", "中小", "校园", "校内", "新时代", "文明实践",
        "邻里", "活动", "老年人", "后备", "班子", "专科", "公立", "民营", "新增", "各级", "定点", "综合性",
        "传统", "智慧", "普通", "民间", "示范型", "居家", "手拉手", "片区"
    ]

    /// Words that say what kind of compound, scenic area or facility it is, not which one
    /// (老旧|小区, 新建安置|小区, 3A级|景区, 老年|食堂, 工会|驿站): with nothing else before the
    /// area's or facility's type word, there is no name.
    public static let kindsOfAreaAndFacility: [String] = [
        "老旧", "新建", "安置", "拆迁", "加装电梯", "入口", "互认", "A级", "星级", "老年", "长者", "企业", "工会",
        "健康", "银龄"
    ]

    /// Titles that put a person name right after them (书记金美凤) or right before (金美凤老人).
    public static let titlesBeforeName: [String] = [
        "党委书记", "党支部书记", "党总支书记", "书记", "副书记", "主任", "副主任", "村委会主任", "会长", "副会长",
        "校长", "院长", "董事长", "总经理", "副总经理", "经理", "职业经理人", "负责人", "组长", "委员", "主席",
        "局长", "镇长", "乡长", "村长", "站长", "所长", "处长", "部长", "队长", "理事长", "秘书长", "馆长",
        "老师", "教师", "医生", "护士", "社工", "网格员", "志愿者", "老人", "市民", "村民", "居民", "党员",
        "老党员", "师傅", "小伙", "青年", "代表", "顾问", "健康顾问", "专家", "教授", "创始人", "店长", "民警",
        "庭长", "团长", "村支书", "常委", "护士长", "总监", "行长", "社长", "主委", "县长", "区长", "市长", "科长", "股长", "侨胞", "华侨",
        // What a person is in a village's life, no office (乡贤某某, 养殖户某某, 主播某某).
        "乡贤", "养殖户", "种植户", "农户", "渔民", "主播", "店主", "摊主",
        // A party committee's members by their charge (镇党委副书记、政法委员某某).
        "组织委员", "宣传委员", "政法委员", "纪检委员", "统战委员", "武装委员",
        // Trades and ranks long reports quote people by (社工师某某, 梅农某某).
        "社工师", "讲师", "果农", "茶农", "菜农", "梅农", "花农",
        // A ward's head nurse (骨科护士长某某).
        "护士长"
    ]

    /// Words after a name that end it (张晓飞激动地说, 刘洋一同被认定).
    public static let afterName: [String] = [
        "说", "表示", "介绍", "告诉", "指出", "认为", "感慨", "坦言", "直言", "笑", "激动", "高兴", "一同", "一起",
        "也", "和", "与", "、", "，", ",", "。", "的", "在", "是", "就", "等", "带", "从", "对", "到", "正", "便",
        "还", "又", "都", "已", "曾", "被", "为", "将", "把", "作为", "他们", "她", "他", "（", "(", "：", ":", "”",
        "老人", "同志", "先生", "女士", "共同", "所在", "开心", "看到", "留学", "选择", "设计", "投身",
        "提出", "说道", "带领", "带着", "强调", "透露", "回忆", "解释", "笑着", "来到", "走进", "每天", "今年",
        "已经", "同样", "自己", "告诉", "表态", "谈到", "讲述", "感叹", "感慨", "分享", "每周", "每月", "每年",
        "一边", "一面", "兼任", "兼"
    ]

    /// Common Chinese surnames (single and double), general knowledge for spotting names.
    public static let surnames: Set<String> = Set(
        ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 汤 温 康 施 牛 樊 葛 邢 齐 易 乔 伍 庞 颜 倪 庄 聂 章 鲁 岳 翟 殷 詹 申 欧 耿 兰 焦 俞 左 柳 甘 祝 包 宁 尚 符 舒 阮 柯 纪 梅 童 凌 毕 单 季 裴 霍 涂 苗 谷 盛 曲 翁 冉 骆 辛 靳 管 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈 饶 牟 艾 尤 阳 穆 卓 古 吉 缪 简 芦 麦 褚 娄 窦 戚 岑 费 卜 冷 晏 席 柏 宗 瞿 桂 佟 臧 闵 苟 邬 边 卞 姬 仇 栾 隋 刁 沙 荣 巫 寇 桑 郎 甄 丛 仲 虞 敖 巩 佘 池 查 麻 苑 迟 邝 封 楼 竺 洪 郁 宣 茅 储 屠 厉 乐 钮 傅 阎 蔺 闻 俞 嵇 诸 芮 桂 虞 汝 逯 羊 龚 仝 欧阳 司马 上官 诸葛 东方 皇甫 令狐 慕容 夏侯 应 裘 郦 茹 斯")
            .split(separator: " ").map(String.init))
}
