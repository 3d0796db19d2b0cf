"""What people write in the header of a column, per column id, in the six UN languages.

These are the words ministries and mine action centres use in their own sheets, not only the
labels of our forms (the labels, in every language the catalogues have, are added to these by
`guess.py`). Each entry is "phrase | phrase | ..."; case, accents and punctuation do not matter,
and units in brackets are ignored ("Superficie dépolluée (ha)" matches "superficie dépolluée").
A column id means the same in every table it appears in, so one list serves them all;
`TABLE_SYNONYMS` adds words that only make sense in one table.
"""

from __future__ import annotations

SYNONYMS: dict[str, dict[str, str]] = {
    # Cover: contacts
    "institution": {
        "en": "institution | ministry | agency | organisation | organization | department | "
              "office | holding institution",
        "fr": "institution | ministère | organisme | service | administration | institution "
              "détentrice",
        "es": "institución | ministerio | organismo | entidad | dependencia",
        "ru": "учреждение | министерство | ведомство | организация | орган",
        "ar": "المؤسسة | الوزارة | الجهة | الهيئة",
        "zh": "机构 | 部门 | 单位 | 部委",
    },
    "role": {
        "en": "role | responsibility | responsibilities | mandate | function",
        "fr": "rôle | responsabilité | mandat | fonction | attributions",
        "es": "función | papel | responsabilidad | mandato",
        "ru": "роль | функция | обязанности | полномочия",
        "ar": "الدور | المهمة | المسؤولية | الاختصاص",
        "zh": "职责 | 角色 | 职能",
    },
    "person": {
        "en": "contact person | name | contact | focal point | contact name",
        "fr": "personne à contacter | personne de contact | nom | contact | point focal",
        "es": "persona de contacto | nombre | contacto | punto focal",
        "ru": "контактное лицо | фио | имя | контакт | ответственное лицо",
        "ar": "جهة الاتصال | الاسم | الشخص المسؤول | مسؤول الاتصال",
        "zh": "联系人 | 姓名 | 联络人 | 联络点",
    },
    "address": {
        "en": "address | postal address | mailing address",
        "fr": "adresse | adresse postale",
        "es": "dirección | dirección postal | domicilio",
        "ru": "адрес | почтовый адрес",
        "ar": "العنوان | العنوان البريدي",
        "zh": "地址 | 通讯地址 | 邮寄地址",
    },
    "phone": {
        "en": "telephone | phone | tel | phone number | telephone number",
        "fr": "téléphone | tél | numéro de téléphone",
        "es": "teléfono | tel | número de teléfono",
        "ru": "телефон | тел | номер телефона",
        "ar": "الهاتف | رقم الهاتف",
        "zh": "电话 | 电话号码 | 联系电话",
    },
    "fax": {
        "en": "fax | fax number", "fr": "télécopie | fax", "es": "fax | telefax",
        "ru": "факс", "ar": "الفاكس | فاكس", "zh": "传真",
    },
    "email": {
        "en": "e-mail | email | mail | e-mail address | email address",
        "fr": "courriel | adresse électronique | e-mail | mél",
        "es": "correo electrónico | correo | e-mail | email",
        "ru": "электронная почта | эл почта | e-mail | email",
        "ar": "البريد الإلكتروني | البريد الالكتروني",
        "zh": "电子邮件 | 邮箱 | 电邮 | 电子邮箱",
    },
    # Form A
    "measure": {
        "en": "measure | title | legislation | law | measure taken | name of the measure",
        "fr": "mesure | titre | intitulé | texte | mesure prise",
        "es": "medida | título | norma | medida adoptada",
        "ru": "мера | название | закон | документ | принятая мера",
        "ar": "الإجراء | التدبير | العنوان | التشريع",
        "zh": "措施 | 名称 | 标题 | 法律",
    },
    "kind": {
        "en": "kind | type of measure | category | nature",
        "fr": "type de mesure | nature | catégorie",
        "es": "tipo de medida | clase | categoría",
        "ru": "вид меры | тип меры | вид",
        "ar": "نوع الإجراء | النوع",
        "zh": "措施类型 | 种类",
    },
    "reference": {
        "en": "reference | citation | official reference | number",
        "fr": "référence | numéro | référence officielle",
        "es": "referencia | número | referencia oficial",
        "ru": "реквизиты | номер | ссылка",
        "ar": "المرجع | الرقم",
        "zh": "文号 | 编号 | 参考",
    },
    "effective_date": {
        "en": "in force since | effective date | date of entry into force | entry into force",
        "fr": "en vigueur depuis | date d'entrée en vigueur | entrée en vigueur",
        "es": "en vigor desde | fecha de entrada en vigor | entrada en vigor",
        "ru": "дата вступления в силу | действует с | вступление в силу",
        "ar": "تاريخ النفاذ | تاريخ بدء السريان | ساري منذ",
        "zh": "生效日期 | 施行日期 | 生效时间",
    },
    "documents": {
        "en": "documents | attachments", "fr": "documents | pièces jointes",
        "es": "documentos | anexos", "ru": "документы | приложения",
        "ar": "الوثائق | المرفقات", "zh": "文件 | 附件",
    },
    "supplementary": {
        "en": "supplementary information | remarks | comments | notes | observations | "
              "additional information",
        "fr": "informations complémentaires | remarques | observations | commentaires",
        "es": "información complementaria | observaciones | comentarios | notas",
        "ru": "дополнительная информация | примечания | комментарии | замечания",
        "ar": "معلومات إضافية | ملاحظات | تعليقات",
        "zh": "补充信息 | 备注 | 说明 | 附注",
    },
    # Forms B, C, D: munitions
    "type": {
        "en": "type | munition type | type of cluster munition | type of munition | "
              "designation | model",
        "fr": "type | type de munition | type d'arme à sous-munitions | désignation | modèle",
        "es": "tipo | tipo de munición | tipo de munición en racimo | designación | modelo",
        "ru": "тип | тип боеприпаса | тип кассетного боеприпаса | обозначение | модель",
        "ar": "النوع | نوع الذخيرة | نوع الذخيرة العنقودية | الطراز",
        "zh": "类型 | 弹药类型 | 集束弹药类型 | 型号",
    },
    "munitions": {
        "en": "cluster munitions | munitions | number of munitions | quantity | qty | "
              "number of cluster munitions",
        "fr": "armes à sous-munitions | munitions | nombre de munitions | quantité",
        "es": "municiones en racimo | municiones | número de municiones | cantidad",
        "ru": "кассетные боеприпасы | боеприпасы | количество боеприпасов | количество",
        "ar": "الذخائر العنقودية | الذخائر | عدد الذخائر | الكمية",
        "zh": "集束弹药 | 弹药 | 弹药数量 | 数量",
    },
    "submunitions": {
        "en": "explosive submunitions | submunitions | number of submunitions | bomblets",
        "fr": "sous-munitions explosives | sous-munitions | nombre de sous-munitions",
        "es": "submuniciones explosivas | submuniciones | número de submuniciones",
        "ru": "взрывоопасные суббоеприпасы | суббоеприпасы | количество суббоеприпасов",
        "ar": "الذخائر الصغيرة المتفجرة | الذخائر الصغيرة | عدد الذخائر الصغيرة",
        "zh": "爆炸性子弹药 | 子弹药 | 子弹药数量",
    },
    "submunitions_per_munition": {
        "en": "submunitions per munition | per munition",
        "fr": "sous-munitions par munition", "es": "submuniciones por munición",
        "ru": "суббоеприпасов на боеприпас | суббоеприпасов в боеприпасе",
        "ar": "الذخائر الصغيرة لكل ذخيرة", "zh": "每枚弹药的子弹药数 | 每枚子弹药数",
    },
    "lot_numbers": {
        "en": "lot numbers | lot number | lot no | lots | batch numbers",
        "fr": "numéros de lot | numéro de lot | n° de lot | lots",
        "es": "números de lote | número de lote | lote | lotes",
        "ru": "номера партий | номер партии | партия",
        "ar": "أرقام الدفعات | رقم الدفعة",
        "zh": "批号 | 批次号",
    },
    "site": {
        "en": "site | destruction site | facility",
        "fr": "site | site de destruction", "es": "sitio | lugar de destrucción | instalación",
        "ru": "объект | место уничтожения", "ar": "موقع التدمير | الموقع",
        "zh": "销毁地点 | 场地",
    },
    "methods": {
        "en": "methods | method | destruction methods | methods used",
        "fr": "méthodes | méthode | méthodes de destruction",
        "es": "métodos | método | métodos de destrucción",
        "ru": "методы | метод | способы уничтожения",
        "ar": "الطرق | طرق التدمير | الطريقة", "zh": "方法 | 销毁方法",
    },
    "method": {
        "en": "method | destruction method | method of destruction",
        "fr": "méthode | méthode de destruction", "es": "método | método de destrucción",
        "ru": "метод | способ уничтожения", "ar": "الطريقة | طريقة التدمير",
        "zh": "方法 | 销毁方法",
    },
    "safety_standards": {
        "en": "safety standards | safety", "fr": "normes de sécurité | sécurité",
        "es": "normas de seguridad | seguridad", "ru": "стандарты безопасности",
        "ar": "معايير السلامة", "zh": "安全标准",
    },
    "environmental_standards": {
        "en": "environmental standards | environment", "fr": "normes environnementales",
        "es": "normas ambientales | normas medioambientales", "ru": "экологические стандарты",
        "ar": "المعايير البيئية", "zh": "环境标准",
    },
    "planned_completion": {
        "en": "planned completion | expected completion | completion date",
        "fr": "achèvement prévu | date d'achèvement prévue",
        "es": "finalización prevista | fecha prevista de finalización",
        "ru": "плановое завершение | планируемый срок завершения",
        "ar": "الإنجاز المخطط | تاريخ الإنجاز المتوقع", "zh": "计划完成日期 | 预计完成",
    },
    "standards_observed": {
        "en": "standards observed | standards", "fr": "normes respectées | normes",
        "es": "normas observadas | normas", "ru": "соблюдённые стандарты | стандарты",
        "ar": "المعايير المتبعة | المعايير", "zh": "遵守的标准 | 标准",
    },
    "date_discovered": {
        "en": "date discovered | discovery date | date found | found on | date of discovery",
        "fr": "date de découverte | découvert le | date de la découverte",
        "es": "fecha de descubrimiento | fecha del hallazgo | descubierto el",
        "ru": "дата обнаружения | обнаружено | дата находки",
        "ar": "تاريخ الاكتشاف | تاريخ العثور", "zh": "发现日期 | 发现时间",
    },
    "destruction_plan": {
        "en": "destruction plan | plans for destruction | plan",
        "fr": "plan de destruction | plan", "es": "plan de destrucción | plan",
        "ru": "план уничтожения | план", "ar": "خطة التدمير | الخطة", "zh": "销毁计划 | 计划",
    },
    "category": {
        "en": "category", "fr": "catégorie", "es": "categoría", "ru": "категория",
        "ar": "الفئة", "zh": "类别",
    },
    "scope": {
        "en": "produced or held | produced or owned | held", "fr": "produit ou détenu",
        "es": "producido o poseído", "ru": "произведено или хранится",
        "ar": "منتجة أو مملوكة", "zh": "生产或持有",
    },
    "dimensions": {
        "en": "dimensions | size and weight | weight", "fr": "dimensions | poids",
        "es": "dimensiones | peso", "ru": "размеры | габариты | вес", "ar": "الأبعاد | الوزن",
        "zh": "尺寸 | 规格 | 重量",
    },
    "fusing": {
        "en": "fusing | fuzing | fuze | fuse", "fr": "fusée | mise à feu | amorçage",
        "es": "espoleta | espoletas", "ru": "взрыватель | взрыватели", "ar": "الصمامة | الصاعق",
        "zh": "引信",
    },
    "explosive_content": {
        "en": "explosive content | explosive | filling", "fr": "contenu explosif | charge "
        "explosive | explosif", "es": "contenido explosivo | carga explosiva",
        "ru": "взрывчатое вещество | содержание вв", "ar": "المحتوى المتفجر | المادة المتفجرة",
        "zh": "装药 | 炸药含量",
    },
    "metallic_content": {
        "en": "metallic content | metal content", "fr": "contenu métallique",
        "es": "contenido metálico", "ru": "содержание металла | металлические части",
        "ar": "المحتوى المعدني", "zh": "金属含量",
    },
    "photos": {
        "en": "photographs | photos", "fr": "photographies | photos", "es": "fotografías | fotos",
        "ru": "фотографии | фото", "ar": "الصور", "zh": "照片",
    },
    "other": {
        "en": "other information | other | remarks", "fr": "autres informations | remarques",
        "es": "otra información | observaciones", "ru": "другая информация | примечания",
        "ar": "معلومات أخرى | ملاحظات", "zh": "其他信息 | 备注",
    },
    "planned_use": {
        "en": "planned use | intended use | purpose of retention", "fr": "utilisation prévue",
        "es": "uso previsto | uso planificado", "ru": "планируемое использование",
        "ar": "الاستخدام المخطط | الاستخدام المزمع", "zh": "计划用途 | 拟议用途",
    },
    "actual_use": {
        "en": "actual use | use during the period", "fr": "utilisation effective | utilisation "
        "réelle", "es": "uso real | uso efectivo", "ru": "фактическое использование",
        "ar": "الاستخدام الفعلي", "zh": "实际用途 | 实际使用",
    },
    "receiving_state": {
        "en": "receiving state | recipient state | transferred to | receiving country",
        "fr": "état destinataire | transféré à | pays destinataire",
        "es": "estado receptor | transferido a | país receptor",
        "ru": "государство получатель | передано | страна получатель",
        "ar": "الدولة المتلقية | الدولة المستلمة", "zh": "接收国 | 接受国",
    },
    "purpose": {
        "en": "purpose | reason", "fr": "but | objet | finalité", "es": "propósito | finalidad "
        "| objetivo", "ru": "цель | назначение", "ar": "الغرض | الهدف", "zh": "目的 | 用途",
    },
    "date": {
        "en": "date | date of transfer | transfer date", "fr": "date | date du transfert",
        "es": "fecha | fecha de transferencia", "ru": "дата | дата передачи",
        "ar": "التاريخ | تاريخ النقل", "zh": "日期 | 转让日期",
    },
    # Form E
    "facility": {
        "en": "facility | production facility | plant | factory",
        "fr": "installation | usine | installation de production",
        "es": "instalación | fábrica | planta", "ru": "предприятие | завод | объект",
        "ar": "المنشأة | المصنع", "zh": "设施 | 工厂 | 生产设施",
    },
    "programme": {
        "en": "programme | program | conversion or decommissioning", "fr": "programme",
        "es": "programa", "ru": "программа", "ar": "البرنامج", "zh": "方案 | 计划",
    },
    "progress": {
        "en": "progress | state of progress", "fr": "avancement | état d'avancement | progrès",
        "es": "avance | progreso | estado de avance", "ru": "ход работ | прогресс",
        "ar": "التقدم المحرز | التقدم", "zh": "进展 | 进度",
    },
    "completion_date": {
        "en": "completion date | completed on | date of completion",
        "fr": "date d'achèvement | achevé le", "es": "fecha de finalización | fecha de "
        "terminación", "ru": "дата завершения", "ar": "تاريخ الإنجاز | تاريخ الانتهاء",
        "zh": "完成日期",
    },
    # Form F
    "area_id": {
        "en": "area reference | area id | area code | area no | hazard id | hazard reference | "
              "polygon id | site id",
        "fr": "réf zone | référence de la zone | référence zone | code zone | identifiant zone | "
              "numéro de zone | n° zone",
        "es": "ref área | referencia del área | código de área | identificador del área | "
              "número de área | código de zona",
        "ru": "№ участка | номер участка | код участка | идентификатор участка | номер района",
        "ar": "رمز المنطقة | مرجع المنطقة | رقم المنطقة | معرف المنطقة",
        "zh": "区域编号 | 区域代码 | 雷区编号 | 区域参考号",
    },
    "location": {
        "en": "location | province | region | district | place | locality | governorate",
        "fr": "localisation | lieu | province | région | district | emplacement | localité",
        "es": "ubicación | lugar | provincia | región | distrito | localidad | departamento",
        "ru": "местоположение | место | провинция | область | район | регион",
        "ar": "الموقع | المكان | المحافظة | القضاء | الولاية",
        "zh": "位置 | 地点 | 省 | 省份 | 地区 | 所在地",
    },
    "latitude": {
        "en": "latitude | lat", "fr": "latitude", "es": "latitud", "ru": "широта",
        "ar": "خط العرض", "zh": "纬度",
    },
    "longitude": {
        "en": "longitude | long | lon | lng", "fr": "longitude", "es": "longitud",
        "ru": "долгота", "ar": "خط الطول", "zh": "经度",
    },
    "status": {
        "en": "status | state | confirmed or suspected", "fr": "statut | état | confirmée ou "
        "suspectée", "es": "estado | situación | confirmada o sospechosa",
        "ru": "статус | состояние", "ar": "الحالة | الوضع", "zh": "状态 | 状况",
    },
    "size_m2": {
        "en": "size | area | surface | area size | total area | contaminated area | "
              "estimated size",
        "fr": "superficie | surface | taille | superficie contaminée | surface contaminée",
        "es": "superficie | área | tamaño | extensión | superficie contaminada",
        "ru": "площадь | размер | площадь участка | загрязнённая площадь",
        "ar": "المساحة | مساحة المنطقة | المساحة الملوثة",
        "zh": "面积 | 区域面积 | 污染面积",
    },
    "remnant_types": {
        "en": "remnants | type of remnants | remnant types | types and quantities | "
              "estimated quantity",
        "fr": "restes | types de restes | type de restes | types et quantités",
        "es": "restos | tipo de restos | tipos de restos | tipo y cantidad",
        "ru": "остатки | тип остатков | виды остатков | тип и количество",
        "ar": "المخلفات | نوع المخلفات | أنواع المخلفات",
        "zh": "遗留物 | 遗留物类型 | 类型和数量",
    },
    "date_of_use": {
        "en": "when used | date of use | year of use | period of use",
        "fr": "date d'utilisation | année d'utilisation | période d'utilisation",
        "es": "fecha de uso | año de uso | fecha de empleo",
        "ru": "дата применения | год применения | когда применялись",
        "ar": "تاريخ الاستخدام | سنة الاستخدام", "zh": "使用日期 | 使用时间 | 使用年份",
    },
    "cleared_m2": {
        "en": "cleared | area cleared | cleared area | land cleared | clearance",
        "fr": "superficie dépolluée | surface dépolluée | dépolluée | superficie déminée | "
              "surface nettoyée",
        "es": "superficie despejada | área despejada | despejada | superficie limpiada | "
              "área limpiada",
        "ru": "очищенная площадь | очищено | площадь очистки | расчищенная площадь",
        "ar": "المساحة المطهرة | المساحة التي تم تطهيرها | المطهرة",
        "zh": "清除面积 | 已清除面积 | 清理面积",
    },
    "reduced_m2": {
        "en": "reduced | area reduced | reduced by technical survey | technical survey",
        "fr": "réduite | superficie réduite | réduite par enquête technique | enquête technique",
        "es": "reducida | superficie reducida | reducida por estudio técnico | estudio técnico",
        "ru": "сокращено | сокращённая площадь | сокращено по результатам технического "
              "обследования | техническое обследование",
        "ar": "المساحة المخفضة | المسح التقني | المساحة المقلصة بالمسح التقني",
        "zh": "缩减面积 | 技术调查缩减 | 技术调查",
    },
    "cancelled_m2": {
        "en": "cancelled | area cancelled | cancelled by non-technical survey | non-technical "
              "survey",
        "fr": "annulée | superficie annulée | annulée par enquête non technique | enquête non "
              "technique",
        "es": "cancelada | superficie cancelada | cancelada por estudio no técnico | estudio no "
              "técnico",
        "ru": "исключено | исключённая площадь | исключено по результатам нетехнического "
              "обследования | нетехническое обследование",
        "ar": "المساحة الملغاة | المسح غير التقني",
        "zh": "取消面积 | 非技术调查取消 | 非技术调查",
    },
    "submunitions_destroyed": {
        "en": "submunitions destroyed | number of submunitions destroyed | submunitions | "
              "bomblets destroyed",
        "fr": "sous-munitions détruites | nombre de sous-munitions détruites | sous-munitions",
        "es": "submuniciones destruidas | número de submuniciones destruidas | submuniciones",
        "ru": "уничтожено суббоеприпасов | уничтоженные суббоеприпасы | суббоеприпасы",
        "ar": "الذخائر الصغيرة المدمرة | عدد الذخائر الصغيرة المدمرة",
        "zh": "销毁的子弹药 | 子弹药销毁数量 | 子弹药",
    },
    "other_remnants_destroyed": {
        "en": "other remnants destroyed | other erw destroyed | other items destroyed",
        "fr": "autres restes détruits | autres munitions détruites | autres reg détruits",
        "es": "otros restos destruidos | otras municiones destruidas",
        "ru": "другие уничтоженные остатки | прочие уничтоженные боеприпасы",
        "ar": "مخلفات أخرى مدمرة | المخلفات الأخرى المدمرة",
        "zh": "销毁的其他遗留物 | 其他遗留物",
    },
    "operator": {
        "en": "operator | clearance operator | implementing partner | organisation | "
              "organization",
        "fr": "opérateur | opérateur de déminage | organisme | organisation",
        "es": "operador | operador de desminado | organización",
        "ru": "оператор | исполнитель | организация",
        "ar": "المشغل | الجهة المنفذة | المنظمة", "zh": "作业方 | 执行机构 | 排雷组织",
    },
    # Form G
    "activity": {
        "en": "activity | activities | description of activity", "fr": "activité | activités",
        "es": "actividad | actividades", "ru": "мероприятие | деятельность | мероприятия",
        "ar": "النشاط | الأنشطة", "zh": "活动",
    },
    "target_group": {
        "en": "target group | audience | beneficiaries", "fr": "groupe cible | public cible | "
        "bénéficiaires", "es": "grupo destinatario | público objetivo | beneficiarios",
        "ru": "целевая группа | аудитория", "ar": "الفئة المستهدفة | المستفيدون",
        "zh": "目标群体 | 对象",
    },
    "organisation": {
        "en": "organisation | organization | implementing organisation | implementer",
        "fr": "organisation | organisme", "es": "organización | organismo",
        "ru": "организация | исполнитель", "ar": "المنظمة | الجهة المنفذة",
        "zh": "组织 | 执行组织",
    },
    "period": {
        "en": "period | dates | when", "fr": "période | dates", "es": "período | periodo | "
        "fechas", "ru": "период | сроки", "ar": "الفترة | المدة", "zh": "期间 | 时间",
    },
    "women": {
        "en": "women | adult women | female adults", "fr": "femmes", "es": "mujeres",
        "ru": "женщины", "ar": "النساء | نساء", "zh": "妇女 | 女性",
    },
    "men": {
        "en": "men | adult men | male adults", "fr": "hommes", "es": "hombres", "ru": "мужчины",
        "ar": "الرجال | رجال", "zh": "男子 | 男性",
    },
    "girls": {
        "en": "girls", "fr": "filles", "es": "niñas", "ru": "девочки",
        "ar": "الفتيات | فتيات | البنات", "zh": "女童 | 女孩",
    },
    "boys": {
        "en": "boys", "fr": "garçons", "es": "niños", "ru": "мальчики",
        "ar": "الفتيان | فتيان | الأولاد", "zh": "男童 | 男孩",
    },
    # Form H
    "outcome": {
        "en": "outcome | killed or injured | casualty type", "fr": "issue | tués ou blessés | "
        "résultat", "es": "resultado | muertos o heridos", "ru": "исход | убиты или ранены",
        "ar": "النتيجة | قتلى أو جرحى", "zh": "结果 | 死亡或受伤",
    },
    "unknown": {
        "en": "unknown | sex unknown | not known", "fr": "inconnu | sexe inconnu",
        "es": "desconocido | sexo desconocido", "ru": "неизвестно | пол неизвестен",
        "ar": "غير معروف", "zh": "未知 | 性别不详",
    },
    "total": {
        "en": "total | total casualties", "fr": "total", "es": "total", "ru": "итого | всего",
        "ar": "المجموع | الإجمالي", "zh": "合计 | 总计 | 总数",
    },
    # Form I
    "year": {
        "en": "year | fiscal year", "fr": "année | exercice", "es": "año | ejercicio",
        "ru": "год", "ar": "السنة | العام", "zh": "年份 | 年度",
    },
    "article": {
        "en": "article | obligation", "fr": "article | obligation", "es": "artículo | "
        "obligación", "ru": "статья | обязательство", "ar": "المادة", "zh": "条款",
    },
    "resource_type": {
        "en": "resource type | type of resource | type", "fr": "type de ressource | type",
        "es": "tipo de recurso | tipo", "ru": "вид ресурсов | тип", "ar": "نوع الموارد",
        "zh": "资源类型 | 类型",
    },
    "amount": {
        "en": "amount | value | sum | budget | funding", "fr": "montant | valeur | somme | "
        "budget", "es": "monto | importe | cantidad | valor | presupuesto",
        "ru": "сумма | объём | бюджет", "ar": "المبلغ | القيمة", "zh": "金额 | 数额 | 款额",
    },
    "currency": {
        "en": "currency | cur | ccy", "fr": "devise | monnaie", "es": "moneda | divisa",
        "ru": "валюта", "ar": "العملة", "zh": "货币 | 币种",
    },
    "description": {
        "en": "description | details", "fr": "description | détails", "es": "descripción | "
        "detalles", "ru": "описание", "ar": "الوصف | التفاصيل", "zh": "说明 | 描述",
    },
    "recipient": {
        "en": "recipient | beneficiary | recipient organisation", "fr": "bénéficiaire | "
        "destinataire", "es": "beneficiario | receptor | destinatario", "ru": "получатель",
        "ar": "المستفيد | الجهة المتلقية", "zh": "受援方 | 接受方",
    },
    "recipient_state": {
        "en": "recipient state | recipient country | country", "fr": "état bénéficiaire | pays "
        "bénéficiaire | pays", "es": "estado beneficiario | país receptor | país",
        "ru": "государство получатель | страна получатель | страна",
        "ar": "الدولة المستفيدة | البلد", "zh": "受援国 | 国家",
    },
    "assistance_type": {
        "en": "type of assistance | assistance type | type", "fr": "type d'assistance | type "
        "d'aide | type", "es": "tipo de asistencia | tipo de ayuda | tipo",
        "ru": "вид помощи | тип", "ar": "نوع المساعدة", "zh": "援助类型 | 类型",
    },
    "channel": {
        "en": "channel | through | via | implementing partner", "fr": "canal | par "
        "l'intermédiaire de | partenaire", "es": "canal | a través de | socio",
        "ru": "канал | через", "ar": "القناة | عن طريق", "zh": "渠道 | 途径",
    },
    "donor": {
        "en": "donor | from | funded by", "fr": "donateur | bailleur | bailleur de fonds",
        "es": "donante", "ru": "донор", "ar": "المانح | الجهة المانحة", "zh": "捐助方",
    },
    "donor_state": {
        "en": "donor state | donor country | country", "fr": "état donateur | pays donateur | "
        "pays", "es": "estado donante | país donante | país", "ru": "государство донор | "
        "страна донор | страна", "ar": "الدولة المانحة | البلد المانح", "zh": "捐助国 | 国家",
    },
}

# Words that only fit one table: (form, table) -> {column id: {language: phrases}}.
TABLE_SYNONYMS: dict[tuple[str, str], dict[str, dict[str, str]]] = {
    ("E", "facilities"): {
        "status": {"en": "planned, in progress or completed", "fr": "prévu, en cours ou achevé",
                   "es": "previsto, en curso o terminado", "ru": "запланировано, идёт, "
                   "завершено", "ar": "مخطط أو جار أو منجز", "zh": "计划中、进行中或已完成"},
    },
    ("B", "destruction_sites"): {
        "location": {"en": "location of the site", "fr": "localisation du site",
                     "es": "ubicación del sitio", "ru": "местонахождение объекта",
                     "ar": "موقع المنشأة", "zh": "场地位置"},
    },
}

# Words a person writes in the first cell of a totals row, which is not a row of data.
TOTAL_WORDS = frozenset({
    "total", "totals", "grand total", "sum", "totaux", "total general", "somme", "totales",
    "suma", "итого", "всего", "итог", "合计", "总计", "总数", "المجموع", "الاجمالي", "الإجمالي",
})

# Words that say little about which column is meant ("Number of ...", "No. ...").
STOPWORDS = frozenset({
    "of", "the", "no", "nb", "nbr", "number", "num", "and", "or", "in", "by", "a", "an",
    "de", "des", "du", "la", "le", "les", "d", "l", "nombre", "nbre", "n", "et", "ou", "en",
    "par", "del", "el", "los", "las", "y", "o", "numero", "por", "количество", "кол", "во",
    "число", "и", "или", "в", "по", "на", "с", "عدد", "و", "في", "من",
})
