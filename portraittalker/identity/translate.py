"""Prompts in Korean, Japanese, Chinese, Spanish, French, German, Portuguese, Italian, Dutch, Russian,
Swedish (Norwegian, Danish), Turkish, Polish, Indonesian (Malay) or Vietnamese -> the English the lexicon reads.

The lexicon (`lexicon.py`) is English. A prompt in another language is rewritten word for word
into English first, longest phrase first, keeping its order; what has no entry stays as it is
and is reported as ignored. That order is English's where modifiers come before their noun
(Korean, Japanese, Chinese, German, Swedish, Turkish, Polish: "긴 검은 머리" -> "long black hair"). Spanish, French,
Portuguese, Italian, Indonesian and Vietnamese put most adjectives after the noun ("pelo largo rizado", "tóc dài"), so there
the words describing hair, a beard
or a garment are moved in front of it ("long curly hair"). Grammatical particles and articles
are dropped. This is a glossary of the words avatars are described with, not a translator.
"""

from __future__ import annotations

import re

from .token_glossary import ARABIC_SCRIPT, DEVANAGARI, arabic_to_english, hindi_to_english

# -- Korean, Japanese, Chinese: no spaces between words (Korean's particles attach to the
# word), so phrases are matched inside tokens, longest first
_CJK: dict[str, str] = {
    # people and age
    "할머니": "grandmother", "할아버지": "grandfather", "노인": "old person", "남자": "man", "남성": "man",
    "여자": "woman", "여성": "woman", "소년": "boy", "소녀": "girl", "남자아이": "boy", "여자아이": "girl",
    "어린이": "child", "아이": "child", "아기": "baby", "젊은": "young", "나이 든": "old", "나이든": "old",
    "나이 많은": "old", "늙은": "old", "중년": "middle aged", "십대": "teen", "학생": "student",
    "아나운서": "news anchor", "앵커": "news anchor", "선생님": "teacher", "의사": "doctor",
    "おばあさん": "grandmother", "おばあちゃん": "grandmother", "おじいさん": "grandfather",
    "おじいちゃん": "grandfather", "祖母": "grandmother", "祖父": "grandfather", "老人": "old person",
    "高齢の": "elderly", "年配の": "older", "男の子": "boy", "女の子": "girl", "少年": "boy", "少女": "girl",
    "子供": "child", "子ども": "child", "赤ちゃん": "baby", "若い": "young",
    "男性": "man", "女性": "woman", "学生": "student", "アナウンサー": "news anchor", "先生": "teacher",
    "奶奶": "grandmother", "外婆": "grandmother", "爷爷": "grandfather", "外公": "grandfather",
    "老奶奶": "old woman", "老爷爷": "old man", "老太太": "old woman", "老先生": "old man", "老年": "elderly",
    "男孩": "boy", "小男孩": "little boy", "女孩": "girl", "小女孩": "little girl", "孩子": "child",
    "儿童": "child", "婴儿": "baby", "年轻": "young", "年轻的": "young", "中年": "middle aged",
    "男人": "man", "女人": "woman", "主持人": "news anchor", "主播": "news anchor", "老师": "teacher",
    "男": "man", "女": "woman",
    # origin
    "한국인": "korean", "한국": "korean", "일본인": "japanese", "일본": "japanese", "중국인": "chinese",
    "중국": "chinese", "흑인": "black person", "백인": "white person", "아시아인": "asian", "인도인": "indian",
    "日本人": "japanese", "韓国人": "korean", "中国人": "chinese", "黒人": "black person", "白人": "white person",
    "アジア人": "asian", "インド人": "indian", "韩国": "korean", "中国": "chinese", "日本": "japanese",
    "黑人": "black person", "亚洲": "asian", "印度": "indian",
    # hair
    "긴 머리": "long hair", "짧은 머리": "short hair", "단발머리": "bob", "단발": "bob", "머리카락": "hair",
    "머리": "hair", "긴": "long", "짧은": "short", "곱슬": "curly", "곱슬머리": "curly hair", "웨이브": "wavy",
    "생머리": "straight hair", "포니테일": "ponytail", "묶은 머리": "ponytail", "양갈래": "pigtails",
    "땋은 머리": "braids", "레게머리": "dreadlocks", "드레드락": "dreadlocks", "올림머리": "bun", "번 헤어": "bun", "대머리": "bald", "앞머리": "bangs",
    "수염": "beard", "콧수염": "moustache",
    "白髪": "white hair", "黒髪": "black hair", "金髪": "blonde hair", "茶髪": "brown hair", "赤毛": "red hair",
    "長い髪": "long hair", "短い髪": "short hair", "ロングヘア": "long hair", "ショートヘア": "short hair",
    "髪の毛": "hair", "髪": "hair", "長い": "long", "短い": "short", "巻き毛": "curly hair", "ウェーブ": "wavy",
    "ストレート": "straight", "ポニーテール": "ponytail", "おさげ": "braids", "三つ編み": "braid", "ツインテール": "pigtails",
    "ドレッドヘア": "dreadlocks", "ドレッド": "dreadlocks", "お団子": "bun", "ボブ": "bob", "はげ": "bald", "坊主": "buzz cut", "前髪": "bangs", "ひげ": "beard",
    "髭": "beard", "口ひげ": "moustache",
    "白发": "white hair", "黑发": "black hair", "金发": "blonde hair", "长发": "long hair", "短发": "short hair",
    "卷发": "curly hair", "直发": "straight hair", "马尾辫": "ponytail", "马尾": "ponytail", "双马尾": "pigtails",
    "辫子": "braids", "麻花辫": "braid", "脏辫": "dreadlocks", "发髻": "bun", "丸子头": "bun", "光头": "bald", "秃头": "bald", "刘海": "bangs",
    "头发": "hair", "胡子": "beard", "大胡子": "full beard", "小胡子": "moustache",
    # colours (hair, eyes and clothes alike)
    "검은": "black", "검정": "black", "흰": "white", "하얀": "white", "흰색": "white", "회색": "grey",
    "빨간": "red", "빨간색": "red", "파란": "blue", "파란색": "blue", "남색": "navy", "초록": "green",
    "녹색": "green", "노란": "yellow", "노란색": "yellow", "분홍": "pink", "보라": "purple", "갈색": "brown",
    "금발": "blonde", "은발": "silver hair", "백발": "white hair",
    # a colour word with its "-색" (colour) suffix ("분홍색 머리": pink hair)
    "분홍색": "pink", "보라색": "purple", "초록색": "green", "주황색": "orange", "하늘색": "light blue",
    "검은색": "black", "검정색": "black", "베이지색": "beige", "금색": "gold", "은색": "silver", "연두색": "lime green",
    # a cap worn back to front; a qipao; a woman or man (女子, 男子: "子" left over read as a word)
    "거꾸로": "backwards", "後ろ向きに": "backwards", "後ろ向き": "backwards", "反戴着": "backwards", "反戴": "backwards",
    "旗袍": "qipao", "女子": "woman", "男子": "man",
    # a pupil of a school: its grade says the age (女子高生: a high school girl)
    "女子高生": "high school girl", "男子高校生": "high school boy", "女子高校生": "high school girl",
    "高校生": "high school student", "女子中学生": "middle school girl", "男子中学生": "middle school boy",
    "中学生": "middle school student", "小学生": "schoolchild", "大学生": "university student",
    "고등학생": "high school student",
    "중학생": "middle school student", "초등학생": "schoolchild", "대학생": "university student",
    "高中生": "high school student", "初中生": "middle school student",
    # eyes (Korean 눈 is also snow: only with a colour); 苍苍 only deepens 白发 (hoary white hair)
    "目": "eyes", "瞳": "eyes", "眼睛": "eyes", "眸": "eyes", "苍苍": "",
    "파란 눈": "blue eyes", "푸른 눈": "blue eyes", "갈색 눈": "brown eyes", "초록 눈": "green eyes",
    "초록색 눈": "green eyes", "녹색 눈": "green eyes", "회색 눈": "grey eyes", "검은 눈": "dark brown eyes",
    "파란색 눈": "blue eyes", "하늘색 눈": "blue eyes", "눈동자": "eyes",
    "黒い": "black", "白い": "white", "赤い": "red", "青い": "blue", "黄色い": "yellow", "黒": "black",
    "白": "white", "赤": "red", "青": "blue", "紺": "navy", "緑": "green", "黄色": "yellow", "ピンク": "pink",
    "紫": "purple", "茶色": "brown", "灰色": "grey", "グレー": "grey",
    "黑色": "black", "白色": "white", "红色": "red", "蓝色": "blue", "藏青色": "navy", "绿色": "green",
    "黄色的": "yellow", "粉色": "pink", "紫色": "purple", "棕色": "brown", "灰色的": "grey", "黑": "black",
    "红": "red", "蓝": "blue", "绿": "green",
    # clothes
    "정장": "suit", "양복": "suit", "셔츠": "shirt", "티셔츠": "t shirt", "원피스": "dress", "드레스": "dress",
    "스웨터": "sweater", "니트": "sweater", "후드티": "hoodie", "후드": "hoodie", "재킷": "jacket",
    "자켓": "jacket", "블레이저": "blazer", "코트": "coat", "가디건": "cardigan", "교복": "school uniform",
    "넥타이": "tie", "블라우스": "blouse", "안경": "glasses", "선글라스": "sunglasses", "히잡": "hijab", "터번": "turban",
    "スーツ": "suit", "シャツ": "shirt", "Tシャツ": "t shirt", "tシャツ": "t shirt", "ワンピース": "dress",
    "ドレス": "dress", "セーター": "sweater", "パーカー": "hoodie", "ジャケット": "jacket", "ブレザー": "blazer",
    "コート": "coat", "カーディガン": "cardigan", "制服": "school uniform", "ネクタイ": "tie",
    "ブラウス": "blouse", "眼鏡": "glasses", "メガネ": "glasses", "サングラス": "sunglasses", "ヒジャブ": "hijab",
    "ターバン": "turban",
    "헬멧": "helmet", "안대": "eye patch", "반다나": "bandana", "ヘルメット": "helmet", "眼帯": "eye patch",
    "バンダナ": "bandana", "头盔": "helmet", "眼罩": "eye patch", "トルコ帽": "fez", "土耳其帽": "fez", "菲斯帽": "fez",
    "西装": "suit", "西服": "suit", "衬衫": "shirt", "t恤": "t shirt", "连衣裙": "dress", "裙子": "dress", "衣服": "clothes",
    "毛衣": "sweater", "卫衣": "hoodie", "夹克": "jacket", "外套": "coat", "开衫": "cardigan",
    "校服": "school uniform", "领带": "tie", "眼镜": "glasses", "墨镜": "sunglasses", "头巾": "headscarf", "头包": "turban",
    "太阳镜": "sunglasses",
    # goggles, fur hats, aprons, trades
    "스키 고글": "ski goggles", "물안경": "swimming goggles", "보안경": "safety goggles", "고글": "goggles",
    "スキーゴーグル": "ski goggles", "ゴーグル": "goggles", "保護メガネ": "safety goggles", "ゴーグル眼鏡": "goggles",
    "滑雪镜": "ski goggles", "泳镜": "swimming goggles", "护目镜": "goggles", "风镜": "goggles",
    "털모자 귀마개": "ushanka", "귀달이 모자": "ushanka", "ウシャンカ": "ushanka", "毛皮の帽子": "fur hat",
    "雷锋帽": "ushanka", "皮帽": "fur hat", "毛皮帽": "fur hat",
    "앞치마": "apron", "エプロン": "apron", "围裙": "apron",
    "화가": "artist", "画家": "artist", "艺术家": "artist", "芸術家": "artist", "예술가": "artist",
    "프로그래머": "programmer", "プログラマー": "programmer", "程序员": "programmer", "용접공": "welder",
    "溶接工": "welder", "焊工": "welder", "목수": "carpenter", "大工": "carpenter", "木匠": "carpenter",
    "면사포": "veil", "베일": "veil", "모노클": "monocle", "외알 안경": "monocle", "ベール": "veil", "ヴェール": "veil",
    "モノクル": "monocle", "片眼鏡": "monocle", "头纱": "veil", "单片眼镜": "monocle",
    # hats, trades, eyebrows
    "요리사 모자": "chef's hat", "야구모자": "baseball cap", "야구 모자": "baseball cap", "캡모자": "cap", "털모자": "beanie", "비니": "beanie",
    "밀짚모자": "straw hat", "모자": "hat", "요리사": "chef", "간호사": "nurse", "군인": "soldier", "경찰관": "police officer",
    "경찰": "police officer", "수녀": "nun",
    "신부님": "priest", "목사": "pastor", "스님": "buddhist monk", "모히칸": "mohawk", "짙은 눈썹": "thick eyebrows",
    "두꺼운 눈썹": "thick eyebrows", "눈썹": "eyebrows",
    "コック帽": "chef's hat", "野球帽": "baseball cap", "キャップ": "cap", "ニット帽": "beanie", "ビーニー": "beanie",
    "麦わら帽子": "straw hat", "帽子": "hat", "シェフ": "chef", "コック": "chef", "看護師": "nurse", "兵士": "soldier",
    "警察官": "police officer", "修道女": "nun",
    "牧師": "pastor", "お坊さん": "buddhist monk", "僧侶": "buddhist monk", "モヒカン": "mohawk",
    "太い眉": "thick eyebrows", "眉毛": "eyebrows",
    "厨师帽": "chef's hat", "棒球帽": "baseball cap", "鸭舌帽": "cap", "毛线帽": "beanie", "草帽": "straw hat",
    "厨师": "chef", "护士": "nurse", "士兵": "soldier", "警察": "police officer", "修女": "nun",
    "神父": "priest", "牧师": "pastor", "背心": "tank top", "年老": "old", "和尚": "buddhist monk",
    "莫西干": "mohawk", "浓眉": "thick eyebrows",
    # characters (identity/personas.py describes them)
    "산타클로스": "santa claus", "산타 할아버지": "santa claus", "아인슈타인": "einstein", "마녀": "witch",
    "마법사": "wizard", "해적": "pirate", "게이샤": "geisha", "사무라이": "samurai", "발레리나": "ballerina",
    "뱀파이어": "vampire", "サンタクロース": "santa claus", "サンタさん": "santa claus", "アインシュタイン": "einstein",
    "魔女": "witch", "魔法使い": "wizard", "海賊": "pirate", "芸者": "geisha", "舞妓": "geisha", "侍": "samurai",
    "バレリーナ": "ballerina", "吸血鬼": "vampire", "圣诞老人": "santa claus", "爱因斯坦": "einstein", "女巫": "witch",
    "巫师": "wizard", "海盗": "pirate", "艺伎": "geisha", "武士": "samurai", "芭蕾舞演员": "ballerina",
    # the face's shape
    "큰 코": "big nose", "작은 코": "small nose", "도톰한 입술": "full lips", "얇은 입술": "thin lips",
    "높은 광대뼈": "high cheekbones", "둥근 얼굴": "round face", "갸름한 얼굴": "narrow face", "사각턱": "square jaw",
    "보조개": "dimples", "큰 귀": "big ears",
    "大きな鼻": "big nose", "小さな鼻": "small nose", "厚い唇": "full lips", "薄い唇": "thin lips", "高い頬骨": "high cheekbones",
    "丸顔": "round face", "面長": "long face", "えくぼ": "dimples", "大きな耳": "big ears", "二重あご": "double chin",
    "大鼻子": "big nose", "小鼻子": "small nose", "厚嘴唇": "full lips", "薄嘴唇": "thin lips", "高颧骨": "high cheekbones",
    "圆脸": "round face", "瓜子脸": "heart shaped face", "方脸": "square face", "酒窝": "dimples", "大耳朵": "big ears",
    "双下巴": "double chin",
    "무쌍": "monolid eyes", "외꺼풀": "monolid eyes", "홑꺼풀": "monolid eyes", "처진 눈": "downturned eyes",
    "올라간 눈": "upturned eyes", "아몬드 눈": "almond eyes", "一重まぶた": "monolid eyes", "一重": "monolid eyes",
    "つり目": "upturned eyes", "たれ目": "downturned eyes", "垂れ目": "downturned eyes", "切れ長の目": "almond eyes",
    "単眼皮": "monolid eyes", "单眼皮": "monolid eyes", "丹凤眼": "upturned eyes", "杏眼": "almond eyes", "下垂眼": "downturned eyes",
    # the mood the face rests in
    "웃는": "smiling", "미소 짓는": "smiling", "미소": "smile", "행복한": "happy", "슬픈": "sad", "화난": "angry",
    "진지한": "serious", "놀란": "surprised",
    "笑顔の": "smiling", "笑顔": "smiling", "微笑む": "smiling", "笑っている": "smiling", "悲しい": "sad",
    "怒った": "angry", "真剣な": "serious", "驚いた": "surprised",
    "面带微笑": "smiling", "微笑的": "smiling", "微笑": "smiling", "笑容": "smile", "开心的": "happy", "快乐的": "happy",
    "悲伤的": "sad", "伤心的": "sad", "生气的": "angry", "严肃的": "serious", "惊讶的": "surprised",
    "진주 귀걸이": "pearl earrings", "귀걸이": "earrings", "真珠のイヤリング": "pearl earrings", "パールのピアス": "pearl earrings",
    "イヤリング": "earrings", "ピアス": "earrings", "珍珠耳环": "pearl earrings", "耳环": "earrings",
    "진주 목걸이": "pearl necklace", "목걸이": "necklace", "초커": "choker", "真珠のネックレス": "pearl necklace",
    "パールのネックレス": "pearl necklace", "ネックレス": "necklace", "チョーカー": "choker", "珍珠项链": "pearl necklace",
    "项链": "necklace", "金项链": "gold chain", "목도리": "scarf", "스카프": "scarf", "マフラー": "scarf",
    "スカーフ": "scarf", "围巾": "scarf", "헤드폰": "headphones", "헤드셋": "headset", "ヘッドホン": "headphones",
    "ヘッドフォン": "headphones", "ヘッドセット": "headset", "耳机": "headphones", "头戴式耳机": "headphones",
    "왕관": "crown", "티아라": "tiara", "여왕": "queen", "공주": "princess", "王冠": "crown", "ティアラ": "tiara",
    "女王": "queen", "お姫様": "princess", "皇冠": "crown", "公主": "princess", "国王": "king",
    "머리띠": "headband", "헤어밴드": "headband", "화관": "flower crown", "ヘッドバンド": "headband", "ヘアバンド": "headband",
    "カチューシャ": "headband", "花冠": "flower crown", "发带": "headband", "头带": "headband", "发箍": "headband",
    "리본": "hair bow", "リボン": "hair bow", "蝴蝶结": "hair bow",
    "뿔": "horns", "악마": "devil", "ツノ": "horns", "悪魔": "devil", "恶魔角": "devil horns", "犄角": "horns",
    "恶魔": "devil", "魔鬼": "devil", "피부": "skin", "외계인": "alien", "좀비": "zombie", "肌": "skin", "宇宙人": "alien",
    "ゾンビ": "zombie", "皮肤": "skin", "外星人": "alien", "僵尸": "zombie", "丧尸": "zombie", "페즈": "fez",
    "넥커치프": "neckerchief", "ネッカチーフ": "neckerchief", "领巾": "neckerchief",
    "서스펜더": "suspenders", "멜빵": "suspenders", "サスペンダー": "suspenders", "吊裤带": "suspenders",
    # scene
    "밤": "night", "해변": "beach", "스튜디오": "studio", "사무실": "office", "거리": "street", "도시": "city",
    "夜": "night", "浜辺": "beach", "ビーチ": "beach", "スタジオ": "studio", "オフィス": "office", "街": "city street",
    "夜晚": "night", "海滩": "beach", "海边": "beach", "演播室": "studio", "办公室": "office", "街道": "street",
    "城市": "city",
    "교수": "professor", "여고생": "teenage girl student", "남고생": "teenage boy student", "여대생": "college student woman",
    "남대생": "college student man", "어린": "little", "웃고 있는": "smiling", "着物": "kimono", "短髪": "short hair",
    "長髪": "long hair", "수염이 난": "bearded", "수염 난": "bearded", "콧수염이 난": "moustache", "老婦人": "old woman", "老紳士": "old man", "商人": "businessman", "教授": "professor",
    # marks on the skin
    "점이 있는": "with a mole", "점 있는": "with a mole", "애교점": "beauty mark", "미인점": "beauty mark",
    "ほくろ": "mole", "泣きぼくろ": "mole under the eye", "美人痣": "beauty mark", "泪痣": "mole under the eye",
    "黑痣": "mole", "痣": "mole", "흉터": "scar", "傷跡": "scar", "傷痕": "scar", "伤疤": "scar", "疤痕": "scar",
    "반창고": "band aid", "絆創膏": "band aid", "创可贴": "band aid",
    "파이프": "pipe", "담배": "cigarette", "パイプ": "pipe", "葉巻": "cigar", "タバコ": "cigarette", "煙草": "cigarette",
    "烟斗": "pipe", "雪茄": "cigar", "香烟": "cigarette",
    "刀疤": "scar", "伤痕": "scar", "얼굴 문신": "face tattoo", "문신": "tattoo", "타투": "tattoo",
    "顔のタトゥー": "face tattoo", "タトゥー": "tattoo", "入れ墨": "tattoo", "面部纹身": "face tattoo",
    "脸上的纹身": "face tattoo", "纹身": "tattoo", "刺青": "tattoo", "멍든 눈": "bruised eye",
    # acne, a face painted white, what the teeth wear
    "여드름": "acne", "ニキビ": "acne", "にきび": "acne", "青春痘": "acne", "痘痘": "acne", "粉刺": "acne",
    "백반증": "vitiligo", "尋常性白斑": "vitiligo", "白斑": "vitiligo", "白癜风": "vitiligo", "白殿风": "vitiligo",
    "하얀 분장": "white makeup", "흰 분장": "white makeup", "白塗り": "white makeup", "白色妆容": "white makeup",
    "광대": "clown", "ピエロ": "clown", "道化師": "clown", "小丑": "clown", "마임": "mime", "パントマイム": "mime",
    "默剧演员": "mime", "哑剧演员": "mime", "가부키": "kabuki", "歌舞伎": "kabuki",
    "치아 교정기": "braces", "교정기": "braces", "歯列矯正": "braces", "矯正器具": "braces", "牙套": "braces",
    "금니": "gold tooth", "金歯": "gold tooth", "金牙": "gold tooth", "銀歯": "silver tooth", "银牙": "silver tooth",
}
# particles, counters and "wearing" verbs: no appearance of their own
_CJK_FILLER = ("을 입은", "를 입은", "을 쓴", "를 쓴", "한", "を生やした", "生やした", "입은", "쓴", "이 있는", "가 있는", "있는", "의", "을", "를", "이", "가", "은", "는", "와",
               "과", "에", "を着た", "を着ている", "着た", "をかけた", "かけた", "をかぶった", "かぶった", "をした", "をつけた", "つけた", "の", "を", "が", "と", "一个", "一位", "穿着", "穿", "戴着",
               "戴", "的", "和", "在", "留着", "有", "で", "、", "，", "。")
_CJK_FILLER_LONGEST_FIRST = sorted(_CJK_FILLER, key=len, reverse=True)
_CJK_COLOUR_LENGTH = re.compile(r"\b(black|white|brown|grey|red|blonde|silver|pink|blue|green|purple)\s+"
                                r"(long|short|curly|straight|wavy)\s+hair\b")
_CJK_AGE = re.compile(r"(\d{1,3})\s*(?:살|세|歳|才|岁|歲)")
_CJK_DECADE = re.compile(r"(\d)0\s*(?:대|代|多岁|几岁)")

# -- Spanish, French, German, Portuguese, Italian: whole words (regular expressions for their inflections)
_ES = {
    r"hombres?": "man", r"mujer(?:es)?": "woman", r"niños?|chicos?": "boy", r"niñas?|chicas?": "girl",
    r"bebé": "baby", r"jóvenes|joven": "young", r"mayor(?:es)?": "older", r"pequeñ[oa]s?": "little", r"viej[oa]s?": "old", r"ancianas?": "elderly woman", r"ancianos?": "elderly man",
    r"abuela": "grandmother", r"abuelo": "grandfather", r"adolescente": "teen", r"estudiante": "student",
    r"presentador(?:es)?": "news anchor", r"presentadoras?": "female news anchor",
    r"profesor(?:es)?": "teacher", r"profesoras?": "female teacher", r"de mediana edad": "middle aged",
    r"pelo|cabello": "hair", r"lar(?:go|ga)s?": "long", r"cort[oa]s?": "short", r"rizad[oa]s?": "curly",
    r"ondulad[oa]s?": "wavy", r"lis[oa]s?": "straight", r"rubi[oa]s?": "blonde", r"castañ[oa]s?": "brown",
    r"pelirroj[oa]s?": "redhead", r"canos[oa]s?|gris(?:es)?": "grey", r"negr[oa]s?": "black",
    r"blanc[oa]s?": "white", r"roj[oa]s?": "red", r"azul(?:es)?": "blue", r"azul marino": "navy",
    r"verdes?": "green", r"amarill[oa]s?": "yellow", r"rosa": "pink", r"morad[oa]s?": "purple",
    r"marrón": "brown", r"barba": "beard", r"bigote": "moustache", r"calv[oa]": "bald", r"coleta": "ponytail", r"coletas": "pigtails",
    r"moño": "bun", r"trenzas": "braids", r"trenza": "braid", r"rastas": "dreadlocks", r"trenzas africanas": "box braids", r"flequillo": "bangs", r"gafas|lentes": "glasses", r"(?:gafas|lentes) de sol": "sunglasses",
    r"gafas de (?:esquí|esqui|nieve)": "ski goggles", r"gafas (?:de seguridad|protectoras)": "safety goggles",
    r"gafas de (?:natación|nadar|buceo)": "swimming goggles", r"gafas de protección": "safety goggles",
    r"gorro de piel|gorro ruso|ushanka": "fur hat", r"delantal": "apron", r"artistas?": "artist",
    r"pintor(?:es)?": "painter", r"pintoras?": "female painter",
    r"programador(?:es)?": "programmer", r"programadoras?": "female programmer",
    r"soldador(?:es)?": "welder", r"soldadoras?": "female welder", r"carpinteros?": "carpenter",
    r"carpinteras?": "female carpenter",
    r"hiyab|pañuelo": "headscarf", r"turbante": "turban", r"traje": "suit",
    r"velo(?: de novia| nupcial)?|mantilla": "veil", r"monóculo": "monocle",
    r"gorro de (?:cocinero|chef)": "chef's hat", r"sombrero": "hat", r"gorra de b[eé]isbol": "baseball cap", r"gorra": "cap",
    r"al rev[eé]s": "backwards", r"chal(?:es)?": "shawl", r"gorro": "beanie",
    r"cocineros?": "chef", r"cocineras?": "female chef", r"enfermeros?": "nurse", r"enfermeras?": "female nurse",
    r"soldado": "soldier", r"monja": "nun",
    r"sacerdote|cura|p[áa]rroco": "priest",
    r"papá noel|papa noel": "santa claus", r"bruja": "witch", r"mago": "wizard", r"pirata": "pirate",
    r"vampiro": "vampire", r"bailarina de ballet|bailarina": "ballerina",
    r"monje budista": "buddhist monk", r"cresta|mohicano": "mohawk", r"cejas pobladas|cejas gruesas": "thick eyebrows",
    r"cejas": "eyebrows",
    r"nariz grande": "big nose", r"nariz pequeña": "small nose", r"labios (?:gruesos|carnosos)": "full lips",
    r"labios finos": "thin lips", r"pómulos altos": "high cheekbones", r"cara redonda": "round face",
    r"cara alargada": "long face", r"mandíbula cuadrada": "square jaw", r"hoyuelos": "dimples", r"orejas grandes": "big ears",
    r"papada": "double chin", r"ojos almendrados": "almond eyes", r"ojos hundidos": "deep set eyes",
    r"ojos rasgados": "upturned eyes", r"ojos caídos": "downturned eyes", r"ojos redondos": "round eyes",
    r"sonriente|sonriendo": "smiling", r"feliz|alegre": "happy", r"triste": "sad",
    r"enojad[oa]|enfadad[oa]": "angry", r"seri[oa]": "serious", r"sorprendid[oa]": "surprised",
    r"pendientes de perlas|aretes de perlas": "pearl earrings", r"pendientes|aretes": "earrings",
    r"collar de perlas": "pearl necklace", r"collar": "necklace", r"gargantilla": "choker",
    r"auriculares|cascos": "headphones", r"casco": "helmet", r"parche(?:\s+en\s+el\s+ojo)?": "eye patch",
    r"kip[aá]": "kippah", r"corona de flores": "flower crown", r"corona": "crown",
    r"tiara|diadema": "tiara", r"sudadera con capucha": "hoodie", r"capucha(?: puesta)?": "hood up",
    r"cinta(?: (?:para el|en el|del) (?:pelo|cabello))?": "headband", r"lazos?(?: en el (?:pelo|cabello))?": "hair bow",
    r"pajarita": "bow tie", r"fez": "fez", r"cuernos": "horns", r"diablo|demonio": "devil", r"reina": "queen",
    r"rey": "king", r"princesa": "princess", r"bufanda": "scarf",
    r"pañuelo (?:al|en el|de) cuello|pañoleta": "neckerchief", r"tirantes": "suspenders",
    r"lunar(?:es)?": "mole", r"cicatriz|cicatrices": "scar", r"tatuajes?|tatuad[oa]s?": "tattoo",
    r"tiritas?|curitas?": "band aid", r"cara sucia": "dirty face", r"cara manchada de hollín": "sooty face",
    r"fumando (?:una )?pipa|con (?:una )?pipa": "smoking a pipe", r"(?:fumando )?un puro": "a cigar",
    r"cigarrillos?|cigarros?": "cigarette",
    r"pintura de guerra": "war paint", r"ojo morado": "a black eye", r"mejillas?": "cheek", r"cuello": "neck",
    r"nariz": "nose", r"barbilla|mentón": "chin", r"cejas arqueadas": "arched eyebrows", r"cejas rectas": "straight eyebrows",
    r"acn[eé]|espinillas": "acne", r"maquillaje blanco": "white makeup", r"payas[oa]s?": "clown", r"mimos?": "mime",
    r"brackets|frenillos|ortodoncia": "braces", r"diente de oro": "gold tooth", r"dientes de oro": "gold teeth",
    r"diente de plata": "silver tooth",
    r"cara|rostro": "face",
    r"cadena de oro": "gold chain", r"cadena de plata": "silver chain", r"colgante|medallón": "pendant",
    r"camiseta sin mangas|camiseta de tirantes": "tank top", r"boina": "beret", r"sotana": "cassock",
    r"alzacuellos": "clerical collar",
    r"camisa": "shirt", r"camiseta": "t shirt", r"vestido": "dress", r"suéter|jersey": "sweater",
    r"sudadera": "hoodie", r"chaqueta": "jacket", r"abrigo": "coat", r"corbata": "tie", r"blusa": "blouse",
    r"uniforme escolar": "school uniform", r"ojos": "eyes", r"piel": "skin", r"noche": "night",
    r"playa": "beach", r"ciudad": "city", r"calle": "street", r"oficina": "office", r"coreana?": "korean",
    r"japonesa?|japonés": "japanese", r"chin[oa]": "chinese", r"african[oa]": "african",
    r"asiátic[oa]": "asian", r"europe[oa]": "european", r"latin[oa]": "latino", r"indi[oa]": "indian",
    r"años": "years old", r"sin": "without",
    r"dos": "two", r"tres": "three", r"cuatro": "four", r"cinco": "five", r"seis": "six", r"siete": "seven",
    r"ocho": "eight", r"nueve": "nine", r"diez": "ten", r"once": "eleven", r"doce": "twelve", r"trece": "thirteen",
    r"catorce": "fourteen", r"quince": "fifteen", r"dieciséis": "sixteen", r"diecisiete": "seventeen",
    r"dieciocho": "eighteen", r"diecinueve": "nineteen", r"veinte": "twenty", r"treinta": "thirty",
    r"cuarenta": "forty", r"cincuenta": "fifty", r"sesenta": "sixty", r"setenta": "seventy", r"ochenta": "eighty",
    r"noventa": "ninety", r"con|y|de|del|en|un|una|el|la|los|las|que|lleva|llevando|vestid[oa]": "",
    # trades in both genders: a feminine form is a woman's (and a feminine article: _FEMININE_ARTICLE)
    r"doctor(?:es)?|médicos?": "doctor", r"doctoras?|médicas?": "female doctor", r"abogados?": "lawyer",
    r"abogadas?": "female lawyer", r"científicos?": "scientist", r"científicas?": "female scientist",
    r"bomberos?": "firefighter", r"bomberas?": "female firefighter", r"granjeros?|agricultor(?:es)?": "farmer",
    r"granjeras?|agricultoras?": "female farmer", r"periodistas?": "journalist", r"juez|jueces": "judge",
    r"juezas?": "female judge", r"policías?": "police officer", r"camareros?": "waiter", r"camareras?": "waitress",
    r"actor(?:es)?": "actor", r"actriz|actrices": "actress", r"panaderos?": "baker", r"panaderas?": "female baker",
}
_FR = {
    r"hommes?": "man", r"femmes?": "woman", r"garçons?": "boy", r"filles?": "girl", r"enfants?": "child",
    r"bébé": "baby", r"jeunes?": "young", r"barbus?|barbues?": "bearded", r"petite?s?": "little", r"vieux|vieille": "old", r"âgée?s?": "elderly",
    r"grand[- ]mère": "grandmother", r"grand[- ]père": "grandfather", r"adolescente?": "teen",
    r"étudiants?": "student", r"étudiantes?": "female student", r"présentateurs?": "news anchor",
    r"présentatrices?": "female news anchor", r"professeurs?|instituteurs?": "teacher",
    r"professeures?|institutrices?": "female teacher",
    r"d'âge moyen|d'âge mûr": "middle aged", r"cheveux": "hair", r"longs?|longues?": "long",
    r"courts?|courtes?": "short", r"bouclée?s?|frisée?s?": "curly", r"ondulée?s?": "wavy",
    r"raides?|lisses?": "straight", r"blonde?s?": "blonde", r"bruns?|brunes?|châtains?": "brown",
    r"roux|rousse": "red", r"gris(?:e|es)?": "grey", r"noire?s?": "black", r"blancs?|blanches?": "white",
    r"rouges?": "red", r"bleue?s?": "blue", r"bleu marine": "navy", r"verte?s?": "green",
    r"jaunes?": "yellow", r"roses?": "pink", r"violette?s?": "purple", r"marron": "brown",
    r"barbe": "beard", r"moustache": "moustache", r"chauve": "bald", r"queue de cheval": "ponytail",
    r"chignon": "bun", r"tresses|nattes": "braids", r"tresse|natte": "braid", r"locks|dreads": "dreadlocks", r"tresses africaines": "box braids", r"frange": "bangs", r"lunettes": "glasses", r"lunettes de soleil": "sunglasses",
    r"lunettes de (?:ski|neige)|masque de ski": "ski goggles", r"lunettes de (?:protection|sécurité)": "safety goggles",
    r"lunettes de (?:natation|piscine)": "swimming goggles", r"chapka|chapeau de fourrure|toque de fourrure": "fur hat",
    r"tablier": "apron", r"artistes?": "artist", r"peintre": "painter",
    r"programmeur|développeur": "programmer", r"programmeuse|développeuse": "female programmer",
    r"soudeur": "welder", r"soudeuse": "female welder", r"charpentier|menuisier": "carpenter",
    # a foulard is a (silk) scarf; worn on the head, a headscarf
    # a foulard is a (silk) scarf; "on the head" makes it a headscarf, as the English lexicon reads it
    r"voile": "headscarf", r"foulard": "scarf", r"(?:noué )?sur (?:la tête|les cheveux)": "on the head",
    r"turban": "turban", r"voile de mariée|voile de tulle|voile de dentelle": "veil",
    r"toque de cuisinier|toque": "chef's hat", r"chapeau": "hat", r"casquette": "cap",
    r"à l'envers": "backwards", r"châles?": "shawl", r"bonnet": "beanie",
    r"cuisinier": "chef", r"cuisinière": "female chef", r"infirmier": "nurse", r"infirmière": "female nurse",
    r"soldat": "soldier",
    r"père noël|pere noel": "santa claus", r"sorcière": "witch", r"sorcier|magicien": "wizard",
    r"ballerine|danseuse étoile": "ballerina",
    r"pr[êe]tre|cur[ée]": "priest",
    r"religieuse|nonne": "nun", r"moine bouddhiste": "buddhist monk", r"iroquoise|crête": "mohawk",
    r"sourcils épais|sourcils broussailleux": "thick eyebrows", r"sourcils": "eyebrows",
    r"grand nez|gros nez": "big nose", r"petit nez": "small nose", r"lèvres (?:pulpeuses|charnues)": "full lips",
    r"lèvres fines": "thin lips", r"pommettes hautes": "high cheekbones", r"visage rond": "round face",
    r"visage allongé": "long face", r"mâchoire carrée": "square jaw", r"fossettes": "dimples",
    r"grandes oreilles": "big ears", r"double menton": "double chin", r"yeux en amande": "almond eyes",
    r"yeux enfoncés": "deep set eyes", r"yeux bridés": "upturned eyes", r"yeux tombants": "downturned eyes",
    r"yeux ronds": "round eyes", r"bajoues": "jowls",
    r"souriante?": "smiling", r"heureu(?:x|se)|joyeu(?:x|se)": "happy", r"triste": "sad",
    r"en colère|fâchée?": "angry", r"sérieu(?:x|se)": "serious", r"surprise?": "surprised",
    r"boucles d'oreilles? (?:en|de) perles?": "pearl earrings", r"boucles d'oreilles?": "earrings",
    r"collier de perles": "pearl necklace", r"collier": "necklace", r"ras[ -]du[ -]cou": "choker",
    r"casque audio|écouteurs": "headphones", r"casque": "helmet", r"cache[- ]?(?:œ|oe)il": "eye patch",
    r"kippa": "kippah", r"couronne de fleurs": "flower crown", r"couronne": "crown",
    r"capuche(?: relevée)?": "hood up", r"bandeau": "headband", r"n(?:œ|oe)uds? papillon": "bow tie",
    r"n(?:œ|oe)uds?(?! papillon)(?: dans les cheveux)?|rubans?(?: dans les cheveux)?": "hair bow", r"fez|chéchia": "fez", r"cornes": "horns", r"diable|démon": "devil", r"serre[- ]tête": "headband", r"diadème|tiare": "tiara", r"reine": "queen",
    r"roi": "king", r"princesse": "princess", r"écharpe": "scarf",
    r"(?:foulard|bandana) (?:autour du|au) cou": "neckerchief", r"bretelles": "suspenders",
    r"grains? de beauté": "beauty mark", r"cicatrices?": "scar", r"tatouages?|tatouée?s?": "tattoo",
    r"pansements?": "bandage", r"visage sale": "dirty face", r"visage couvert de suie": "sooty face",
    r"sourcils arqués": "arched eyebrows", r"sourcils droits": "straight eyebrows",
    r"fumant (?:la|une) pipe|avec (?:la|une) pipe": "smoking a pipe", r"cigares?": "cigar",
    r"peinture de guerre": "war paint", r"(?:œ|oe)il au beurre noir": "a black eye", r"joues?": "cheek", r"cou": "neck", r"sur": "on",
    r"acné": "acne", r"maquillage blanc": "white makeup", r"clowns?": "clown", r"mimes?": "mime",
    r"appareil dentaire": "braces", r"dent en or": "gold tooth", r"dents en or": "gold teeth", r"dent en argent": "silver tooth",
    r"visage": "face",
    r"chaîne en or": "gold chain", r"chaîne en argent": "silver chain", r"pendentif|médaillon": "pendant",
    r"costume": "suit", r"chemise": "shirt", r"robe": "dress",
    r"d[ée]bardeur": "tank top", r"b[ée]ret": "beret", r"soutane": "cassock", r"col romain": "clerical collar",
    r"pull|pullover": "sweater", r"sweat à capuche": "hoodie", r"veste": "jacket", r"manteau": "coat",
    r"cravate": "tie", r"chemisier": "blouse", r"uniforme scolaire": "school uniform", r"yeux": "eyes",
    r"peau": "skin", r"nuit": "night", r"plage": "beach", r"ville": "city", r"rue": "street",
    r"bureau": "office", r"coréenne?": "korean", r"japonaise?": "japanese", r"chinoise?": "chinese",
    r"africaine?": "african", r"asiatique": "asian", r"européenne?": "european", r"indienne?": "indian",
    r"ans": "years old", r"aux|au": "with", r"sans": "without",
    r"deux": "two", r"trois": "three", r"quatre": "four", r"cinq": "five", r"sept": "seven", r"huit": "eight",
    r"neuf": "nine", r"dix": "ten", r"onze": "eleven", r"douze": "twelve", r"treize": "thirteen",
    r"quatorze": "fourteen", r"quinze": "fifteen", r"seize": "sixteen", r"dix sept": "seventeen",
    r"dix huit": "eighteen", r"dix neuf": "nineteen", r"vingt": "twenty", r"trente": "thirty", r"quarante": "forty",
    r"cinquante": "fifty", r"soixante": "sixty", r"soixante dix": "seventy", r"quatre vingts?": "eighty",
    r"quatre vingt dix": "ninety",
    # "une cinquantaine d'années": about fifty
    r"(?:d')?une vingtaine(?: d'années)?": "in their twenties", r"(?:d')?une trentaine(?: d'années)?": "in their thirties",
    r"(?:d')?une quarantaine(?: d'années)?": "in their forties",
    r"(?:d')?une cinquantaine(?: d'années)?": "in their fifties",
    r"(?:d')?une soixantaine(?: d'années)?": "in their sixties",
    r"taches de rousseur": "freckles", r"avec|et|de|du|des|en|un|une|le|la|les|l'|d'|qui|porte|portant|vêtue?": "",
    # trades in both genders: a feminine form is a woman's (and a feminine article: _FEMININE_ARTICLE)
    r"médecins?|docteurs?": "doctor", r"doctoresses?": "female doctor", r"avocats?": "lawyer",
    r"avocates?": "female lawyer", r"scientifiques?": "scientist", r"pompiers?": "firefighter",
    r"pompières?": "female firefighter", r"agriculteurs?|fermiers?": "farmer",
    r"agricultrices?|fermières?": "female farmer", r"journalistes?": "journalist", r"juges?": "judge",
    r"policiers?": "police officer", r"policières?": "female police officer", r"serveurs?": "waiter",
    r"serveuses?": "waitress", r"acteurs?": "actor", r"actrices?": "actress", r"boulangers?": "baker",
    r"boulangères?": "female baker",
}
_PT = {
    r"capacete": "helmet", r"laços?(?: no cabelo)?": "hair bow", r"fez": "fez", r"chifres": "horns", r"diabo|demônio": "devil", r"tapa-?olho": "eye patch",
    r"homem|homens": "man", r"mulher(?:es)?": "woman", r"meninos?|garotos?": "boy", r"meninas?|garotas?": "girl", r"bebê|bebé": "baby",
    r"jovens?|jovem": "young", r"velh[oa]s?": "old", r"idos[oa]s?": "elderly", r"avó": "grandmother",
    r"avô": "grandfather", r"adolescente": "teen", r"estudante": "student", r"apresentador(?:es)?": "news anchor",
    r"apresentadoras?": "female news anchor",
    r"professor(?:es)?": "teacher", r"professoras?": "female teacher", r"de meia[- ]idade": "middle aged",
    r"cabelos?": "hair", r"compridos?|compridas?|longos?|longas?": "long",
    r"curt[oa]s?": "short", r"cacheados?|cacheadas?|encaracolad[oa]s?|crespos?|crespas?": "curly", r"ondulad[oa]s?": "wavy",
    r"lis[oa]s?": "straight", r"loir[oa]s?|lour[oa]s?": "blonde", r"castanh[oa]s?": "brown", r"ruiv[oa]s?": "red",
    r"grisalh[oa]s?|cinzas?|cinzentos?|cinzentas?": "grey", r"pret[oa]s?|negr[oa]s?": "black", r"branc[oa]s?": "white",
    r"vermelh[oa]s?": "red", r"azu(?:l|is)": "blue", r"azul marinho": "navy", r"verdes?": "green",
    r"amarel[oa]s?": "yellow", r"rosa": "pink", r"roxos?|roxas?": "purple", r"marrom|marrons": "brown",
    r"barba": "beard", r"bigode": "moustache", r"careca": "bald", r"rabo de cavalo": "ponytail", r"coque": "bun",
    r"tranças": "braids", r"trança": "braid", r"tranças box|tranças nagô soltas": "box braids", r"franja": "bangs", r"óculos de sol": "sunglasses", r"óculos": "glasses",
    r"véu(?: de noiva)?(?! islâmico)": "veil", r"monóculo": "monocle",
    r"lenço|hijab": "headscarf", r"turbante": "turban", r"chapéu": "hat", r"boné": "cap",
    r"virad[oa] para trás|ao contrário": "backwards", r"xales?": "shawl", r"gorro": "beanie",
    r"cozinheiros?|chef": "chef", r"cozinheiras?": "female chef", r"enfermeiros?": "nurse",
    r"enfermeiras?": "female nurse", r"soldado": "soldier", r"freira": "nun",
    r"padre|sacerdote": "priest",
    r"médicos?": "doctor", r"médicas?": "female doctor", r"terno|fato": "suit", r"camisa": "shirt",
    r"camiseta": "t shirt", r"vestido": "dress",
    r"suéter|camisola": "sweater", r"moletom": "hoodie", r"jaqueta|casaco": "jacket", r"gravata": "tie",
    r"blusa": "blouse", r"uniforme escolar": "school uniform", r"olhos": "eyes", r"pele": "skin",
    r"brasileir[oa]": "brazilian", r"portugues[a]?": "portuguese", r"japones[a]?": "japanese",
    r"chines[a]?": "chinese", r"coreana?": "korean", r"african[oa]": "african", r"asiátic[oa]": "asian",
    r"europe[ua]": "european", r"anos": "years old", r"sem": "without",
    r"dois|duas": "two", r"três": "three", r"quatro": "four", r"cinco": "five", r"seis": "six", r"sete": "seven",
    r"oito": "eight", r"nove": "nine", r"dez": "ten", r"onze": "eleven", r"doze": "twelve", r"treze": "thirteen",
    r"catorze|quatorze": "fourteen", r"quinze": "fifteen", r"dezesseis|dezasseis": "sixteen",
    r"dezessete|dezassete": "seventeen", r"dezoito": "eighteen", r"dezenove|dezanove": "nineteen", r"vinte": "twenty",
    r"trinta": "thirty", r"quarenta": "forty", r"cinquenta": "fifty", r"sessenta": "sixty", r"setenta": "seventy",
    r"oitenta": "eighty", r"noventa": "ninety",
    r"sorridente": "smiling", r"feliz|alegre": "happy", r"triste": "sad", r"zangad[oa]": "angry",
    r"colar de pérolas": "pearl necklace", r"colar": "necklace", r"cachecol": "scarf",
    r"lenço (?:no|de|ao redor do) pescoço": "neckerchief", r"suspensórios": "suspenders",
    r"pintas?": "mole", r"cicatriz(?:es)?": "scar", r"tatuage(?:m|ns)|tatuad[oa]s?": "tattoo",
    r"olho roxo": "a black eye", r"pintura de guerra": "war paint",
    r"acne|espinhas": "acne", r"maquiagem branca|maquilhagem branca": "white makeup", r"palhaç[oa]s?": "clown",
    r"mímicos?": "mime", r"aparelho(?: dental| nos dentes)?": "braces", r"dente de ouro": "gold tooth",
    r"dentes de ouro": "gold teeth", r"dente de prata": "silver tooth",
    r"séri[oa]": "serious", r"surpres[oa]": "surprised",
    r"com|e|de|do|da|dos|das|em|no|na|um|uma|o|a|os|as|que|usando|vestid[oa]": "",
    # trades in both genders: a feminine form is a woman's (and a feminine article: _FEMININE_ARTICLE)
    r"advogados?": "lawyer", r"advogadas?": "female lawyer", r"cientistas?": "scientist", r"bombeiros?": "firefighter",
    r"bombeiras?": "female firefighter", r"fazendeiros?|agricultor(?:es)?": "farmer",
    r"fazendeiras?|agricultoras?": "female farmer", r"jornalistas?": "journalist", r"ju[íi]z": "judge",
    r"ju[íi]zas?": "female judge", r"policia(?:l|is)": "police officer", r"garçons?|garçom": "waiter",
    r"garçonetes?": "waitress", r"atores?|ator": "actor", r"atriz|atrizes": "actress", r"pintor(?:es)?": "painter",
    r"pintoras?": "female painter", r"programador(?:es)?": "programmer", r"programadoras?": "female programmer",
}
_IT = {
    r"casco": "helmet", r"benda\s+sull'occhio": "eye patch", r"fiocchi|fiocco(?: nei capelli)?": "hair bow", r"fez": "fez", r"corna": "horns", r"diavolo|demone": "devil",
    r"uomo|uomini": "man", r"donn[ae]": "woman", r"bambin[oi]": "boy", r"bambin[ae]": "girl", r"ragazz[oi]": "young man", r"ragazz[ae]": "young woman",
    r"neonat[oa]": "baby", r"giovan[ei]": "young", r"vecchi[oa]|vecchie": "old", r"anzian[oa]|anziane|anziani": "elderly",
    r"nonna": "grandmother", r"nonno": "grandfather", r"adolescente": "teen", r"studente": "student",
    r"studentessa": "female student",
    r"conduttore|giornalista": "news anchor", r"conduttrice": "female news anchor",
    r"insegnante|professore|maestro": "teacher", r"professoressa|maestra": "female teacher",
    r"di mezza età": "middle aged", r"capelli": "hair", r"lung[oa]|lungh[ie]": "long", r"cort[oaie]": "short",
    r"ricci|riccioluti|ricce": "curly", r"mossi|mosse": "wavy", r"lisci|lisce": "straight", r"biond[oaie]": "blonde",
    r"castan[oaie]": "brown", r"ross[oaie]": "red", r"grig[io]|grigie|brizzolat[oaie]": "grey", r"ner[oaie]": "black",
    r"bianc[oa]|bianchi|bianche": "white", r"blu|azzurr[oaie]": "blue", r"blu scuro|blu navy": "navy",
    r"verd[ei]": "green", r"giall[oaie]": "yellow", r"rosa": "pink", r"viola": "purple", r"marrone|marroni": "brown",
    r"barba": "beard", r"baffi": "moustache", r"calv[oaie]": "bald", r"coda di cavallo|coda": "ponytail",
    r"chignon|crocchia": "bun", r"trecce": "braids", r"treccia": "braid", r"rasta": "dreadlocks", r"treccine(?: africane)?": "box braids", r"frangia": "bangs", r"occhiali da sole": "sunglasses",
    r"occhiali da (?:sci|neve)|maschera da sci": "ski goggles",
    r"occhiali (?:protettivi|di protezione|di sicurezza)": "safety goggles",
    r"occhialini(?: da nuoto)?": "swimming goggles", r"colbacco|cappello di pelliccia": "fur hat",
    r"grembiule": "apron",
    r"occhiali": "glasses", r"velo|hijab": "headscarf",
    r"foulard": "scarf", r"in testa|sulla testa|sui capelli": "on the head", r"velo da sposa|velo nuziale": "veil",
    r"monocolo": "monocle", r"turbante": "turban", r"cappello": "hat",
    r"berretto(?: da baseball)?(?! di lana)|cappellino": "cap", r"al contrario|all'indietro": "backwards",
    r"scialle": "shawl",
    r"cuoco|chef": "chef", r"cuoca": "female chef", r"infermiere": "nurse", r"infermiera": "female nurse",
    r"soldato": "soldier", r"suora": "nun",
    r"prete|sacerdote|parroco": "priest",
    r"medico|dottore": "doctor", r"dottoressa": "female doctor", r"abito|completo": "suit", r"camicia": "shirt",
    r"maglietta": "t shirt",
    r"canott(?:a|iera)": "tank top", r"tonaca": "cassock", r"collarino": "clerical collar",
    r"vestito": "dress", r"maglione": "sweater", r"felpa": "hoodie", r"giacca|cappotto": "jacket",
    r"cravatta": "tie", r"camicetta": "blouse", r"divisa scolastica": "school uniform", r"occhi": "eyes",
    r"pelle": "skin", r"italian[oaie]": "italian", r"giappones[ei]": "japanese", r"cines[ei]": "chinese",
    r"corean[oa]": "korean", r"african[oa]": "african", r"asiatic[oa]": "asian", r"europe[oa]": "european",
    r"anni": "years old", r"senza": "without",
    r"due": "two", r"tre": "three", r"quattro": "four", r"cinque": "five", r"sette": "seven", r"otto": "eight",
    r"nove": "nine", r"dieci": "ten", r"undici": "eleven", r"dodici": "twelve", r"tredici": "thirteen",
    r"quattordici": "fourteen", r"quindici": "fifteen", r"sedici": "sixteen", r"diciassette": "seventeen",
    r"diciotto": "eighteen", r"diciannove": "nineteen", r"venti": "twenty", r"trenta": "thirty",
    r"quaranta": "forty", r"cinquanta": "fifty", r"sessanta": "sixty", r"settanta": "seventy", r"ottanta": "eighty",
    r"novanta": "ninety",
    r"collana di perle": "pearl necklace", r"collana": "necklace", r"sciarpa": "scarf",
    r"fazzoletto (?:al|da) collo": "neckerchief", r"bretelle": "suspenders",
    r"neo": "mole", r"cicatric[ei]": "scar", r"tatuagg(?:io|i)|tatuat[oaie]": "tattoo", r"occhio nero": "a black eye",
    r"pittura di guerra": "war paint",
    r"acne|brufoli": "acne", r"trucco bianco": "white makeup", r"pagliacci|pagliaccio": "clown", r"mimo|mimi": "mime",
    r"apparecchio(?: ai denti)?": "braces", r"dente d'oro": "gold tooth", r"denti d'oro": "gold teeth",
    r"dente d'argento": "silver tooth",
    r"sorridente": "smiling", r"felice|allegr[oa]": "happy", r"trist[ei]": "sad", r"arrabbiat[oa]": "angry",
    r"seri[oa]": "serious", r"sorpres[oa]": "surprised",
    r"con|e|di|del|della|dei|delle|in|un|uno|una|il|lo|la|i|gli|le|che|indossa|indossando|vestit[oa]": "",
    # trades in both genders: a feminine form is a woman's (and a feminine article: _FEMININE_ARTICLE)
    r"avvocat[oi]": "lawyer", r"avvocat(?:a|e|essa)": "female lawyer", r"scienziat[oi]": "scientist",
    r"scienziat[ae]": "female scientist", r"pompier[ei]|vigil[ei] del fuoco": "firefighter",
    r"contadin[oi]|agricoltor[ei]": "farmer", r"contadin[ae]|agricoltrici|agricoltrice": "female farmer",
    r"giudic[ei]": "judge", r"poliziott[oi]": "police officer", r"poliziott[ae]": "female police officer",
    r"camerier[ei]": "waiter", r"camerier[a]": "waitress", r"attor[ei]": "actor", r"attric[ei]": "actress",
    r"pittor[ei]": "painter", r"pittric[ei]": "female painter", r"programmator[ei]": "programmer",
    r"programmatric[ei]": "female programmer", r"fornai[o]": "baker", r"fornai[a]": "female baker",
}
_DE_ADJ = r"(?:e|en|er|em|es)?"
_DE = {
    r"männer|mann": "man", r"frauen|frau": "woman", r"jungen?": "boy", r"mädchen": "girl",
    r"kinder|kind": "child", r"baby": "baby", rf"klein{_DE_ADJ}": "little", rf"jung{_DE_ADJ}": "young", rf"alt{_DE_ADJ}": "old",
    rf"ältere?{_DE_ADJ}": "older", r"großmutter|oma": "grandmother", r"großvater|opa": "grandfather",
    r"teenager": "teen", r"student": "student", r"studentin": "female student", r"nachrichtensprecher": "news anchor",
    r"nachrichtensprecherin": "female news anchor",
    r"lehrer": "teacher", r"lehrerin": "female teacher", rf"mittelalt{_DE_ADJ}": "middle aged",
    r"haaren|haare|haar": "hair",
    rf"lang{_DE_ADJ}": "long", rf"kurz{_DE_ADJ}": "short", rf"lockig{_DE_ADJ}": "curly",
    rf"wellig{_DE_ADJ}": "wavy", rf"glatt{_DE_ADJ}": "straight", rf"blond{_DE_ADJ}": "blonde",
    rf"braun{_DE_ADJ}": "brown", rf"schwarz{_DE_ADJ}": "black", rf"weiß{_DE_ADJ}|weiss{_DE_ADJ}": "white",
    rf"grau{_DE_ADJ}": "grey", rf"rot{_DE_ADJ}": "red", rf"blau{_DE_ADJ}": "blue",
    rf"dunkelblau{_DE_ADJ}|marineblau{_DE_ADJ}": "navy", rf"grün{_DE_ADJ}": "green", rf"gelb{_DE_ADJ}": "yellow",
    r"rosa": "pink", rf"lila|violett{_DE_ADJ}": "purple", r"vollbart": "full beard", r"bart": "beard",
    r"schnurrbart": "moustache", r"glatze": "bald", r"pferdeschwanz": "ponytail", r"dutt": "bun",
    r"zöpfe|zöpfen": "braids", r"zopf": "braid", r"rastalocken|rastazöpfe|dreads": "dreadlocks", r"pony": "bangs",
    r"brille": "glasses", r"sonnenbrille": "sunglasses",
    r"skibrille": "ski goggles", r"schutzbrille": "safety goggles", r"schwimmbrille|taucherbrille": "swimming goggles",
    r"pelzmütze|fellmütze|uschanka": "fur hat", r"schürze": "apron", r"künstler": "artist",
    r"künstlerin": "female artist",
    r"maler": "painter", r"malerin": "female painter",
    r"programmierer|entwickler": "programmer", r"programmiererin|entwicklerin": "female programmer",
    r"schweißer": "welder", r"schweißerin": "female welder",
    r"schreiner|tischler|zimmermann": "carpenter", r"schreinerin|tischlerin": "female carpenter",
    r"kopftuch": "headscarf", r"turban": "turban",
    r"schleier|brautschleier": "veil", r"monokel": "monocle",
    r"kochmütze": "chef's hat", r"hut": "hat", r"mütze|wollmütze": "beanie", r"kappe|basecap|baseballkappe": "cap",
    r"koch": "chef", r"köchin": "female chef", r"krankenpfleger": "nurse",
    r"krankenschwester|krankenpflegerin": "female nurse", r"soldat": "soldier", r"soldatin": "female soldier",
    r"weihnachtsmann": "santa claus", r"hexe": "witch", r"zauberer": "wizard", r"pirat": "pirate",
    r"vampir": "vampire", r"balletttänzerin": "ballerina",
    r"priester|pfarrer": "priest",
    r"nonne": "nun", r"buddhistisch(?:e|er)? mönch": "buddhist monk", r"irokesen(?:schnitt)?|irokese": "mohawk",
    rf"buschig{_DE_ADJ} augenbrauen|dick{_DE_ADJ} augenbrauen": "thick eyebrows", r"augenbrauen": "eyebrows",
    rf"groß{_DE_ADJ} nase": "big nose", rf"klein{_DE_ADJ} nase": "small nose", rf"voll{_DE_ADJ} lippen": "full lips",
    rf"dünn{_DE_ADJ} lippen|schmal{_DE_ADJ} lippen": "thin lips", rf"hoh{_DE_ADJ} wangenknochen": "high cheekbones",
    rf"rund{_DE_ADJ} gesicht": "round face", rf"eckig{_DE_ADJ} kinn": "prominent chin", r"grübchen": "dimples",
    rf"groß{_DE_ADJ} ohren|abstehend{_DE_ADJ} ohren": "big ears", r"doppelkinn": "double chin",
    rf"mandelförmig{_DE_ADJ} augen": "almond eyes", rf"tiefliegend{_DE_ADJ} augen": "deep set eyes",
    rf"rund{_DE_ADJ} augen": "round eyes", r"hängebacken": "jowls", r"schlupflider": "hooded eyes",
    rf"lächelnd{_DE_ADJ}": "smiling", rf"glücklich{_DE_ADJ}|fröhlich{_DE_ADJ}": "happy", rf"traurig{_DE_ADJ}": "sad",
    rf"wütend{_DE_ADJ}|verärgert{_DE_ADJ}": "angry", rf"ernst{_DE_ADJ}": "serious", rf"überrascht{_DE_ADJ}": "surprised",
    r"perlenohrringe|perlenohrringen": "pearl earrings", r"ohrringe|ohrringen": "earrings", r"anzug": "suit", r"hemd": "shirt",
    r"perlenketten?": "pearl necklace", r"goldketten?": "gold chain", r"silberketten?": "silver chain",
    r"halsketten?|ketten?": "necklace", r"anhänger|medaillon": "pendant", r"halsband": "choker",
    r"schals?": "scarf", r"halst(?:u|ü)ch(?:er)?": "neckerchief", r"hosenträger[n]?": "suspenders",
    r"kopfhörer[n]?": "headphones", r"blumenkranz|blumenkrone": "flower crown", r"krone": "crown",
    r"kapuze": "hood up", r"stirnband": "sweatband", r"haarband|haarreif": "headband", r"(?:haar)?schleifen?": "hair bow",
    r"hörner[n]?": "horns", r"teufel|dämon": "devil",
    r"muttermal|leberfleck": "mole", r"schönheitsfleck": "beauty mark", r"narben?": "scar",
    r"pflaster": "plaster", rf"schmutzig{_DE_ADJ} gesicht": "dirty face", rf"rußverschmiert{_DE_ADJ} gesicht": "sooty face",
    rf"geschwungen{_DE_ADJ} augenbrauen": "arched eyebrows", rf"gerad{_DE_ADJ} augenbrauen": "straight eyebrows",
    r"(?:mit|raucht) (?:einer |eine )?(?:tabak)?pfeife|pfeife rauchend|tabakpfeife": "smoking a pipe",
    r"zigarren?": "cigar", r"zigaretten?": "cigarette",
    rf"tattoos?|tätowierung(?:en)?|tätowiert{_DE_ADJ}": "tattoo", r"kriegsbemalung": "war paint",
    rf"blau{_DE_ADJ} auge": "a black eye", r"wangen?": "cheek", r"hals": "neck", r"gesicht": "face", r"am|auf": "on",
    r"akne|pickel[n]?|pickelig": "acne", r"weißfleckenkrankheit": "vitiligo",
    rf"weiß{_DE_ADJ} schminke": "white makeup", r"clowns?": "clown",
    r"pantomimen?": "mime", r"zahnspange": "braces", r"goldzahn": "gold tooth", r"goldzähne": "gold teeth",
    r"silberzahn": "silver tooth",
    r"diadem|tiara": "tiara", r"helm": "helmet", r"augenklappe": "eye patch", r"kippa": "kippah", r"fes": "fez", r"königin": "queen", r"könig": "king", r"prinzessin": "princess", r"headsets?": "headset",
    r"tanktop|tr[äa]gershirt|tr[äa]gertop": "tank top", r"baskenm[üu]tze": "beret", r"soutane": "cassock",
    r"kollar": "clerical collar",
    r"kleid": "dress", r"pullover": "sweater", r"kapuzenpullover|hoodie": "hoodie",
    r"jacke|jackett": "jacket", r"mantel": "coat", r"krawatte": "tie", r"bluse": "blouse",
    r"schuluniform": "school uniform", r"augen": "eyes", r"haut": "skin", r"nacht": "night", r"strand": "beach",
    r"stadt": "city", r"straße": "street", r"büro": "office", rf"koreanisch{_DE_ADJ}": "korean",
    rf"japanisch{_DE_ADJ}": "japanese", rf"chinesisch{_DE_ADJ}": "chinese", rf"afrikanisch{_DE_ADJ}": "african",
    rf"asiatisch{_DE_ADJ}": "asian", rf"europäisch{_DE_ADJ}": "european", rf"indisch{_DE_ADJ}": "indian",
    r"jahre|jahren": "years old", r"jahre alt|jahren alt": "years old", r"ohne": "without",
    r"jährige?r?|jährigen": "year old",
    r"mit|und|in|im|ein|eine|einer|einem|einen|der|die|das|den|dem|des|trägt|tragend": "",
    # trades in both genders: the feminine -in form is a woman's
    r"arzt|doktor": "doctor", r"ärztin|doktorin": "female doctor", r"(?:rechts)?anwalt": "lawyer",
    r"(?:rechts)?anwältin": "female lawyer", r"wissenschaftler": "scientist", r"wissenschaftlerin": "female scientist",
    r"feuerwehrmann": "firefighter", r"feuerwehrfrau": "female firefighter", r"bauer|landwirt": "farmer",
    r"bäuerin|landwirtin": "female farmer", r"journalist": "journalist", r"journalistin": "female journalist",
    r"richter": "judge", r"richterin": "female judge", r"polizist": "police officer",
    r"polizistin": "female police officer", r"kellner": "waiter", r"kellnerin": "waitress",
    r"schauspieler": "actor", r"schauspielerin": "actress", r"bäcker": "baker", r"bäckerin": "female baker",
}
# an age in one German word ("ein achtjähriger Junge", "eine vierzigjährige Frau")
_DE_NUMBERS = {"zwei": "two", "drei": "three", "vier": "four", "fünf": "five", "sechs": "six", "sieben": "seven",
               "acht": "eight", "neun": "nine", "zehn": "ten", "elf": "eleven", "zwölf": "twelve", "dreizehn": "thirteen",
               "vierzehn": "fourteen", "fünfzehn": "fifteen", "sechzehn": "sixteen", "siebzehn": "seventeen",
               "achtzehn": "eighteen", "neunzehn": "nineteen", "zwanzig": "twenty", "dreißig": "thirty",
               "vierzig": "forty", "fünfzig": "fifty", "sechzig": "sixty", "siebzig": "seventy", "achtzig": "eighty",
               "neunzig": "ninety"}
_DE_UNITS = {"ein": "one", **{k: v for k, v in list(_DE_NUMBERS.items())[:8]}}
_DE_TENS = {k: v for k, v in _DE_NUMBERS.items() if k.endswith(("zig", "ßig"))}
# and the tens with units before them ("fünfundzwanzig": twenty five)
_DE_NUMBERS.update({f"{unit}und{ten}": f"{ten_en} {unit_en}" for unit, unit_en in _DE_UNITS.items()
                    for ten, ten_en in _DE_TENS.items()})
_DE.update({rf"{german}jährige?[rnms]?": f"{english} year old" for german, english in _DE_NUMBERS.items()})
# the numbers as words of their own ("vierzig Jahre alt"); not "Elf", which is an elf as often as eleven
_DE.update({german: english for german, english in _DE_NUMBERS.items() if german != "elf"})

# each language's commonest function words and person nouns: the glossary whose markers a prompt
# uses most is the one applied (English prompts use two of them at most by chance: "la", "die")
_MARKERS = {
    "es": {"con", "una", "un", "el", "la", "los", "las", "y", "pelo", "cabello", "años", "mujer", "hombre", "niña", "niño"},
    "fr": {"avec", "un", "une", "le", "la", "les", "des", "et", "cheveux", "ans", "femme", "homme", "fille", "garçon", "du",
           "jeune", "vieux", "vieille", "barbe", "lunettes", "prêtre"},
    "de": {"mit", "eine", "ein", "einer", "und", "der", "die", "das", "haaren", "haar", "jahre", "frau", "mann",
           "mädchen", "junge"},
    "pt": {"com", "uma", "um", "os", "cabelo", "cabelos", "anos", "mulher", "homem", "menina", "menino", "da", "dos", "das"},
    "it": {"con", "una", "uno", "un", "il", "gli", "i", "e", "capelli", "anni", "donna", "uomo", "ragazza", "ragazzo", "della",
           "dei", "degli"},
    "nl": {"met", "een", "het", "haar", "jaar", "vrouw", "meisje", "jongen", "jonge", "oude", "lange", "korte", "zwart",
           "zwarte", "bril", "baard", "draagt", "en"},
}
# a feminine article before a noun of either gender ("una estudiante", "une journaliste") is a woman's
_FEMININE_ARTICLE = {
    "es": ("una|la", {"estudiante": "student", "artista": "artist", "periodista": "journalist", "policía": "police officer",
                      "pianista": "pianist", "astronauta": "astronaut", "piloto": "pilot", "soldado": "soldier",
                      "juez": "judge", "médico": "doctor"}),
    "fr": ("une|la", {"artiste": "artist", "journaliste": "journalist", "juge": "judge", "scientifique": "scientist",
                      "élève": "student", "médecin": "doctor", "peintre": "painter", "soldat": "soldier", "pilote": "pilot",
                      "astronaute": "astronaut"}),
    "pt": ("uma", {"estudante": "student", "artista": "artist", "jornalista": "journalist", "cientista": "scientist",
                   "policial": "police officer", "astronauta": "astronaut"}),
    "it": ("una|la", {"insegnante": "teacher", "giornalista": "journalist", "artista": "artist", "pianista": "pianist",
                      "astronauta": "astronaut", "giudice": "judge", "medico": "doctor"}),
}
for _lang, (_article, _nouns) in _FEMININE_ARTICLE.items():
    {"es": _ES, "fr": _FR, "pt": _PT, "it": _IT}[_lang].update(
        {rf"(?:{_article})\s+{noun}": f"female {english}" for noun, english in _nouns.items()})

# prints, overalls and wraps (the lexicon's PATTERNS words; kimono, hanbok and the martial arts' gi are robes)
_ES.update({r"a rayas|de rayas|rayad[oa]s?": "striped", r"a cuadros|de cuadros|escoc[eé]s[a]?": "plaid",
            r"de lunares": "polka dot", r"de flores|floread[oa]s?|floral": "floral", r"(?:de )?camuflaje": "camouflage",
            r"peto|overol": "overalls", r"[kq]uimono": "kimono"})
_FR.update({r"ray[ée]e?s?|à rayures": "striped", r"à carreaux|écossaise?s?": "plaid", r"à pois": "polka dot",
            r"à fleurs|fleurie?s?": "floral", r"(?:de )?camouflage": "camouflage", r"salopette": "overalls",
            r"kimono": "kimono"})
_PT.update({r"listrad[oa]s?|às riscas|de listras": "striped", r"xadrez": "plaid", r"de bolinhas": "polka dot",
            r"florid[oa]s?|floral": "floral", r"camuflad[oa]s?|de camuflagem": "camouflage",
            r"jardineira|macacão": "overalls", r"quimono": "kimono"})
_IT.update({r"a righe|a strisce|rigat[oaie]": "striped", r"a quadri|scozzese": "plaid", r"a pois|a pallini": "polka dot",
            r"a fiori|fiorat[oaie]": "floral", r"mimetic[oaie]|mimetica": "camouflage", r"salopette": "overalls",
            r"kimono": "kimono"})
_DE.update({r"gestreift(?:e[nmrs]?)?": "striped", r"kariert(?:e[nmrs]?)?": "plaid", r"gepunktet(?:e[nmrs]?)?": "polka dot",
            r"geblümt(?:e[nmrs]?)?": "floral", r"tarnfleck|tarnmuster|camouflage": "camouflage", r"latzhosen?": "overalls",
            r"kimono": "kimono"})
_CJK.update({
    "줄무늬": "striped", "스트라이프": "striped", "체크무늬": "plaid", "체크": "plaid", "물방울무늬": "polka dot",
    "꽃무늬": "floral", "하와이안 셔츠": "hawaiian shirt", "위장무늬": "camouflage", "군복": "camouflage uniform",
    "멜빵바지": "overalls", "기모노": "kimono", "한복": "hanbok", "도복": "karate gi",
    "ストライプ": "striped", "ボーダー": "striped", "チェック": "plaid", "水玉": "polka dot", "ドット": "polka dot",
    "花柄": "floral", "アロハシャツ": "hawaiian shirt", "迷彩": "camouflage", "オーバーオール": "overalls",
    "浴衣": "yukata", "道着": "karate gi", "空手着": "karate gi",
    "条纹": "striped", "格子": "plaid", "波点": "polka dot", "圆点": "polka dot", "碎花": "floral", "印花": "floral",
    "夏威夷衫": "hawaiian shirt", "背带裤": "overalls", "和服": "kimono", "汉服": "hanfu", "韩服": "hanbok", "道服": "karate gi",
})
# Russian: word stems (its nouns and adjectives decline: "с длинными седыми волосами", "в красном
# платье"); adjectives stand before their nouns as in English, so the glossed words need no reordering
_RU = {
    r"мужчин\w*|муж(?:ик\w*)?": "man", r"женщин\w*|дам[аыеу]": "woman", r"мальчик\w*|паренёк|паренек": "boy",
    r"девочк\w*|девчонк\w*": "girl", r"девушк\w*": "young woman", r"парн\w*|парень": "young man",
    r"юнош\w*": "young man", r"подрост\w*": "teenager", r"ребён\w*|ребен\w*|дет\w*": "child",
    r"малыш\w*|младен\w*": "baby", r"бабушк\w*": "grandmother", r"дедушк\w*|дед": "grandfather",
    r"старик\w*": "old man", r"старух\w*|старушк\w*": "old woman", r"пенсионер\w*": "retiree",
    r"молод\w*": "young", r"пожил\w*|престарел\w*": "elderly", r"стар\w*": "old", r"средн\w* возраст\w*": "middle aged",
    r"маленьк\w*": "little", r"высок\w*": "tall", r"худ(?!и\b)\w*|стройн\w*": "slim",
    r"полн\w*|толст(?!овк)\w*": "heavy",
    r"мускулист\w*": "muscular",
    r"волос\w*|причёск\w*|прическ\w*": "hair", r"длинн(?!оволос)\w*": "long", r"коротк\w*": "short",
    r"кудряв\w*|курчав\w*": "curly",
    r"волнист\w*": "wavy", r"прям\w*": "straight", r"светл\w*|белокур\w*": "blonde", r"блонд(?!инк)\w*": "blonde",
    r"полн\w* губ\w*|пухл\w* губ\w*": "full lips", r"тонк\w* губ\w*": "thin lips", r"рыж\w*": "ginger",
    r"седы\w*|седой|седая|поседевш\w*": "grey", r"лыс\w*": "bald", r"брит\w* голов\w*": "shaved head",
    r"каштанов\w*": "brown",   # Russian's everyday brown hair (English "chestnut" reads auburn)
    r"русы\w*|русой|русая": "light brown",
    r"бород\w*": "beard", r"ус(?:ы|ов|ами|ах|ам|а)?|усик\w*": "moustache", r"щетин\w*": "stubble", r"бакенбард\w*": "sideburns",
    r"хвост\w*|хвостик\w*": "ponytail", r"пуч\w*|пучок": "bun", r"кос[аыуе]|косичк\w*|косам\w*": "braids",
    r"дред\w*": "dreadlocks", r"чёлк\w*|челк\w*": "bangs", r"ирокез\w*": "mohawk", r"каре": "bob",
    r"очк\w*": "glasses", r"солнцезащитн\w* очк\w*|тёмн\w* очк\w*": "sunglasses",
    r"горнолыжн\w* очк\w*|лыжн\w* очк\w*|маск\w* для лыж": "ski goggles", r"защитн\w* очк\w*": "safety goggles",
    r"очк\w* для плавания|плавательн\w* очк\w*": "swimming goggles", r"меховн?\w* шапк\w*": "fur hat",
    r"фартук\w*": "apron", r"шляп\w*": "hat",
    r"кепк\w*|бейсболк\w*": "cap", r"(?:шапк\w*[\s-]+)?ушанк\w*": "ushanka", r"шапк\w*": "beanie",
    r"платок|платк\w*|хиджаб\w*": "headscarf",
    r"корон\w*": "crown", r"серьг\w*|серёжк\w*|сережк\w*": "earrings", r"ожерель\w*|бус\w*": "necklace",
    r"жемчуж\w*": "pearl", r"цепочк\w*|цеп\w*": "chain", r"шарф\w*": "scarf", r"наушник\w*": "headphones",
    r"галстук\w*": "tie", r"бабочк\w*": "bow tie",
    r"костюм\w*": "suit", r"пиджак\w*": "jacket", r"куртк\w*": "jacket", r"пальто": "coat", r"рубашк\w*|рубах\w*": "shirt",
    r"майк\w*": "tank top", r"берет\w*": "beret", r"ряс\w*": "cassock",
    r"футболк\w*": "t shirt", r"плать\w*": "dress", r"блузк\w*": "blouse", r"свитер\w*": "sweater",
    r"худи|толстовк\w*": "hoodie", r"кардиган\w*": "cardigan", r"жилет\w*": "waistcoat", r"халат\w*": "robe",
    r"форм[аеуы]|униформ\w*": "uniform", r"школьн\w* форм\w*": "school uniform",
    r"чёрн\w*|черн\w*": "black", r"бел\w*": "white", r"красн\w*": "red", r"син\w*": "blue", r"голуб\w*": "light blue",
    r"зелён\w*|зелен\w*": "green", r"жёлт\w*|желт\w*": "yellow", r"сер(?!ьёзн|ьезн|ебр|ьг)\w*": "grey",
    r"коричнев\w*": "brown",
    r"розов\w*": "pink", r"фиолетов\w*": "purple", r"оранжев\w*": "orange", r"бордов\w*": "burgundy",
    r"тёмно синий|темно синий|тёмно син\w*|темно син\w*": "navy", r"золот\w*": "gold", r"серебр\w*|серебрян\w*": "silver",
    r"глаз\w*": "eyes", r"кож\w*": "skin", r"веснушк\w*|веснушчат\w*": "freckles", r"морщин\w*": "wrinkles",
    r"шрам\w*": "scar", r"родинк\w*": "mole", r"татуировк\w*|тату": "tattoo", r"макияж\w*": "makeup",
    r"помад\w*": "lipstick", r"улыба\w*|улыбчив\w*": "smiling", r"весёл\w*|весел\w*|счастлив\w*": "happy",
    r"грустн\w*|печальн\w*": "sad", r"серьёзн\w*|серьезн\w*|строг\w*": "serious", r"зл\w*|сердит\w*": "angry",
    r"русск\w*|славянск\w*": "european", r"европ\w*": "european", r"азиат\w*": "asian", r"китая\w*|китайск\w*": "chinese",
    r"японск\w*": "japanese", r"коре(?!янк|ец|йц)\w*": "korean",
    r"африкан(?!ец|ц|к)\w*|чернокож\w*|темнокож\w*": "african",
    r"индийск\w*|индиан\w*|индус\w*": "indian", r"арабск\w*|араб\w*": "arab",
    r"врач\w*|доктор\w*": "doctor", r"медсестр\w*": "nurse", r"повар\w*": "chef", r"учител\w*|учительниц\w*": "teacher",
    r"студент\w*": "student", r"солдат\w*": "soldier", r"полицейск\w*": "police officer", r"ведущ\w* новост\w*|диктор\w*": "news anchor",
    r"священник\w*|батюшк\w*": "priest",
    r"монахин\w*": "nun", r"монах\w*": "monk", r"невест\w*": "bride", r"пират\w*": "pirate", r"ведьм\w*": "witch",
    r"волшебник\w*|маг": "wizard", r"дед мороз\w*|санта клаус\w*": "santa claus", r"вампир\w*": "vampire",
    r"лет|года|год": "years old", r"летн\w*": "year old",
    r"с(?! капюшон)|со|и|в|во|на|у|из|одет\w*|носит|носящ\w*|которы\w*|с\s+собой": "",
}
# "сорокалетний мужчина", "пятилетняя девочка": an age in one word
_RU.update({rf"{stem}летн\w*": f"{english} year old" for stem, english in {
    "двух": "two", "трёх": "three", "трех": "three", "четырёх": "four", "четырех": "four", "пяти": "five",
    "шести": "six", "семи": "seven", "восьми": "eight", "девяти": "nine", "десяти": "ten", "двадцати": "twenty",
    "тридцати": "thirty", "сорока": "forty", "пятидесяти": "fifty", "шестидесяти": "sixty", "семидесяти": "seventy",
    "восьмидесяти": "eighty", "девяносто": "ninety"}.items()})
_RU_AGE = re.compile(r"(\d{1,3})\s*(?:лет|года|год)\b")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Dutch: adjectives stand before their noun as in English and take an -e ("een jonge vrouw met
# lang zwart haar"); an age is "30 jaar (oud)", "van 30 jaar" or "30-jarige" (hyphens are spaces by now)
_NL_ADJ = r"e?"
_NL = {
    r"m[ae]n(?:nen)?": "man", r"vrouw(?:en)?|dame": "woman", r"meisjes?|meid": "girl", r"jongens?": "boy",
    r"baby'?s?": "baby", r"kind(?:eren)?|peuter": "child", rf"jong{_NL_ADJ}": "young", rf"oud{_NL_ADJ}": "old",
    r"bejaarde?n?": "elderly", r"oma|grootmoeder": "grandmother", r"opa|grootvader": "grandfather",
    r"tieners?": "teen", r"student(?:en)?": "student", r"studente": "female student",
    r"nieuwslezer|presentator": "news anchor", r"nieuwslezeres|presentatrice": "female news anchor",
    r"leraar|docent": "teacher", r"lerares|docente": "female teacher", r"van middelbare leeftijd": "middle aged",
    r"haar|haren": "hair", rf"lang{_NL_ADJ}": "long", rf"kort{_NL_ADJ}": "short",
    rf"krullend{_NL_ADJ}|gekruld{_NL_ADJ}": "curly", r"krullen|krulletjes": "curls", r"krulhaar": "curly hair",
    rf"golvend{_NL_ADJ}": "wavy", rf"steil{_NL_ADJ}": "straight",
    rf"blond{_NL_ADJ}": "blonde", rf"bruin{_NL_ADJ}": "brown", rf"ro(?:od|de)": "red",
    rf"roodharig{_NL_ADJ}": "red haired",
    r"grijs|grijze": "grey", rf"zwart{_NL_ADJ}": "black", r"wit|witte": "white", rf"blauw{_NL_ADJ}": "blue",
    rf"marineblauw{_NL_ADJ}|donkerblauw{_NL_ADJ}": "navy", rf"groen{_NL_ADJ}": "green", r"geel|gele": "yellow",
    r"roze": "pink", rf"paars{_NL_ADJ}": "purple", r"oranje": "orange", rf"donker{_NL_ADJ}": "dark",
    r"baard": "beard", r"snor": "moustache", r"kaal|kale": "bald", r"paardenstaart": "ponytail", r"knot": "bun",
    r"vlechten": "braids", r"vlecht": "braid", r"pony": "bangs", r"zonnebril": "sunglasses", r"bril": "glasses",
    r"sproeten": "freckles", r"ogen": "eyes", r"huid": "skin",
    r"hoofddoek": "headscarf", r"tulband": "turban", r"hoed": "hat", r"pet": "cap", r"muts": "beanie",
    r"sjaal": "scarf", r"ketting": "necklace", r"parelketting": "pearl necklace", r"oorbellen": "earrings",
    r"kok": "chef", r"verpleegster": "female nurse", r"verpleegkundige|verpleger": "nurse", r"soldaat": "soldier",
    r"non": "nun", r"priester|pastoor": "priest", r"dokter|arts": "doctor", r"boer": "farmer", r"boerin": "female farmer",
    r"brandweerman": "firefighter", r"politieagent": "police officer", r"piloot": "pilot", r"zeeman": "sailor",
    r"pak|kostuum": "suit", r"overhemd|hemd": "shirt", r"t shirt|shirtje": "t shirt", r"jurk": "dress",
    r"trui": "sweater", r"capuchontrui|hoodie": "hoodie", r"jas|jasje|colbert": "jacket", r"stropdas|das": "tie",
    r"blouse": "blouse", r"vest": "cardigan", r"schooluniform": "school uniform", r"leren": "leather",
    rf"gestreept{_NL_ADJ}": "striped", rf"geruit{_NL_ADJ}": "plaid",
    rf"nederlands{_NL_ADJ}|nederlander|hollands{_NL_ADJ}": "dutch",
    rf"japans{_NL_ADJ}": "japanese", r"chinees|chinese": "chinese",
    rf"koreaans{_NL_ADJ}": "korean", rf"afrikaans{_NL_ADJ}": "african",
    rf"aziatisch{_NL_ADJ}": "asian", r"europe(?:es|se)": "european", r"indiase?": "indian",
    rf"glimlachend{_NL_ADJ}|lachend{_NL_ADJ}": "smiling", rf"blij{_NL_ADJ}|vrolijk{_NL_ADJ}": "happy",
    rf"verdrietig{_NL_ADJ}": "sad", r"boos|boze": "angry", r"serieus|serieuze|ernstige?": "serious",
    r"jaar(?: oud)?": "years old", r"zonder": "without", r"met": "with", r"een": "a", r"en": "and",
    r"de|het|van|op|die|draagt|dragend|gekleed": "",
}
_NL_AGE = re.compile(r"(?<!\w)(\d{1,3})\s*jarige?(?!\w)")
_GLOSSARIES = {"es": _ES, "fr": _FR, "de": _DE, "pt": _PT, "it": _IT, "ru": _RU, "nl": _NL}
_NOUN_FIRST = {"es", "fr", "pt", "it"}
# what follows its noun in Spanish and French, moved in front of it in English
_DESCRIBED = (r"ao dai|lab coat|curls|ringlets|"
              r"cloth face mask|surgical mask|face mask|hair|dreadlocks|box braids|beard|moustache|eyes|skin|dress|shirt|t shirt|tank top|cassock|beret|"
              r"suit|jacket|coat|sweater|hoodie|"
              r"tie|blouse|headscarf|turban|glasses|sunglasses|hat|cap|beanie|mohawk|scarf|necklace|headband|helmet|"
              r"bandana|hair bow|fez|horns|neckerchief|suspenders|veil|monocle|kimono|overalls|shawl|hijab|keffiyeh|"
              r"thobe|abaya|kurta|sari")
_PRINT_WORDS = r"striped|plaid|polka dot|floral|camouflage"
_DESCRIBING = (rf"long|short|curly|wavy|straight|blonde|brown|redhead|red|grey|black|white|blue|navy|green|"
               rf"yellow|pink|purple|orange|gold|silver|dark|fair|colorful|{_PRINT_WORDS}")
_REORDER = re.compile(rf"\b({_DESCRIBED})((?:\s+(?:{_DESCRIBING})\b)+)")
_IS_PRINT = re.compile(rf"^(?:{_PRINT_WORDS})$")


def _described(m: re.Match) -> str:
    """"shirt plaid red" -> "red plaid shirt": the describing words before their noun, a colour
    before a print (as English says it, and the lexicon reads it)."""
    words = re.findall(rf"{_PRINT_WORDS}|\S+", m.group(2))
    return " ".join(sorted(words, key=lambda w: bool(_IS_PRINT.match(w))) + [m.group(1)])


def _compile(glossary: dict[str, str]) -> re.Pattern:
    # phrases before single words, then the longer first: the alternation takes the first that
    # matches, and a long list of one-word fillers ("con|y|de|...") must not eat a phrase's "de"
    def first(k: str) -> tuple[bool, int]:
        return (" " in k or r"\s" in k, len(k))
    return re.compile(r"(?<!\w)(" + "|".join(f"(?:{k})" for k in sorted(glossary, key=first, reverse=True)) + r")(?!\w)")


# a bare chest and a receding hairline, as each language says them
_ES.update({r"sin camisa|sin camiseta|(?:con el )?torso desnudo|descamisad[oa]": "shirtless",
            r"(?:con )?entradas|entradas pronunciadas": "receding hairline"})
_FR.update({r"torse nu|sans chemise|sans t[- ]shirt": "shirtless", r"(?:au )?front dégarni": "receding hairline"})
_DE.update({r"oben ohne|mit nacktem oberkörper|nackte[mn]? oberkörper|ohne hemd|ohne t[- ]?shirt": "shirtless",
            r"(?:mit )?geheimratsecken": "receding hairline"})
_IT.update({r"a torso nudo|senza maglietta|senza camicia": "shirtless", r"stempiat[oa]": "receding hairline"})
_PT.update({r"sem camisa|sem camiseta|de peito nu|com o peito nu": "shirtless", r"(?:com )?entradas": "receding hairline"})
_RU.update({r"без рубашки|без футболки|с голым торсом|голым торсом": "shirtless",
            r"с залысинами|залысин\w*": "receding hairline"})
_ES.update({r"colorid[oa]s?|multicolor(?:es)?": "colorful"})
_FR.update({r"colorée?s?|multicolores?|bariolée?s?": "colorful"})
_DE.update({rf"bunt{_DE_ADJ}|farbenfroh{_DE_ADJ}|mehrfarbig{_DE_ADJ}": "colorful"})
_IT.update({r"colorat[oaie]|variopint[oaie]|multicolori?": "colorful"})
_PT.update({r"colorid[oa]s?|multicoloridos?|multicoloridas?": "colorful"})
_RU.update({r"разноцветн\w*|красочн\w*|пёстр\w*|пестр\w*": "colorful"})
_CJK.update({"알록달록한": "colorful", "カラフルな": "colorful", "カラフル": "colorful",
             "彩色的": "colorful", "彩色": "colorful", "五颜六色的": "colorful", "色彩鲜艳的": "colorful"})
_CJK.update({"상의를 벗은": "shirtless", "웃통을 벗은": "shirtless", "상의 탈의": "shirtless", "上半身裸": "shirtless",
             "上半身はだか": "shirtless", "赤膊": "shirtless", "光着膀子": "shirtless", "裸上身": "shirtless",
             "m자 탈모": "receding hairline", "m자 이마": "receding hairline", "生え際が後退した": "receding hairline",
             "生え際の後退した": "receding hairline", "发际线后移": "receding hairline", "发际线很高": "receding hairline"})
# a face mask (a bare "mask" is left unread in each: it may be a masquerade's)
_ES.update({r"mascarillas?\s+(?:de\s+tela|de\s+algodón)|cubrebocas\s+de\s+tela|tapabocas\s+de\s+tela": "cloth face mask",
            r"mascarillas?\s+(?:quirúrgicas?|médicas?|sanitarias?)|mascarillas?|cubrebocas|tapabocas|barbijos?": "face mask",
            r"mascarillas?\s+(?:n95|kn95|ffp2)": "n95 mask", r"bajo la barbilla|debajo de la barbilla": "under the chin"})
_FR.update({r"masques?\s+(?:en\s+)?tissu": "cloth face mask", r"masques?\s+(?:ffp2|n95)": "ffp2 mask",
            r"masques?\s+(?:chirurgica(?:l|ux)|médica(?:l|ux)|sanitaires?|de protection)": "surgical mask",
            r"sous le menton": "under the chin"})
_DE.update({r"stoffmasken?|alltagsmasken?": "cloth face mask", r"ffp2[- ]?masken?|ffp3[- ]?masken?": "ffp2 mask",
            rf"mundschutz|mund[- ]nasen[- ]schutz|op[- ]masken?|medizinisch{_DE_ADJ} masken?|chirurgisch{_DE_ADJ} masken?"
            r"|gesichtsmasken?": "surgical mask", r"unter dem kinn|unterm kinn": "under the chin"})
_IT.update({r"mascherin[ae]\s+(?:di\s+stoffa|in\s+tessuto)": "cloth face mask", r"mascherin[ae]\s+ffp2": "ffp2 mask",
            r"mascherin[ae](?:\s+chirurgic[ah]e?)?": "surgical mask", r"sotto il mento": "under the chin"})
_PT.update({r"máscaras?\s+de\s+(?:pano|tecido)": "cloth face mask", r"máscaras?\s+(?:pff2|n95)": "n95 mask",
            r"máscaras?\s+(?:cirúrgicas?|médicas?|faciais|facial|de proteção)": "surgical mask",
            r"abaixo do queixo|embaixo do queixo": "under the chin"})
_RU.update({r"тканев\w*\s+маск\w*|маск\w*\s+из\s+ткани": "cloth face mask", r"респиратор\w*": "respirator",
            r"медицинск\w*\s+маск\w*|хирургическ\w*\s+маск\w*|защитн\w*\s+маск\w*": "surgical mask"})
_CJK.update({"마스크": "face mask", "수술용 마스크": "surgical mask", "천 마스크": "cloth face mask",
             "マスク": "face mask", "サージカルマスク": "surgical mask", "布マスク": "cloth face mask",
             "口罩": "face mask", "医用口罩": "surgical mask", "外科口罩": "surgical mask", "布口罩": "cloth face mask"})
# periods: the decades ("los años 50", "années 20", "50er Jahre", "anni 80", "anos 70", "80-х", "1950年代", "80년대"),
# Victorian and medieval
for _d in "23456789":
    _ES[rf"(?:de\s+)?(?:los\s+)?años\s+(?:19)?{_d}0"] = f"19{_d}0s"
    _FR[rf"(?:des\s+)?années\s+(?:19)?{_d}0"] = f"19{_d}0s"
    _DE[rf"(?:19)?{_d}0er(?:\s+jahren?)?"] = f"19{_d}0s"
    _IT[rf"(?:degli\s+)?anni\s+(?:19)?{_d}0"] = f"19{_d}0s"
    _PT[rf"(?:dos\s+)?anos\s+(?:19)?{_d}0"] = f"19{_d}0s"
    _RU[rf"(?:19)?{_d}0[-\s]?х(?:\s+годов)?"] = f"19{_d}0s"
    _CJK.update({f"19{_d}0年代の": f"19{_d}0s", f"19{_d}0年代": f"19{_d}0s", f"{_d}0年代的": f"19{_d}0s",
                 f"{_d}0年代": f"19{_d}0s", f"{_d}0년대": f"19{_d}0s", f"19{_d}0년대": f"19{_d}0s"})
_ES.update({r"victorian[oa]s?": "victorian", r"medievales?": "medieval", r"damas?": "lady"})
_FR.update({r"victorien(?:ne)?s?": "victorian", r"médiéva(?:l|le|ux|les)": "medieval", r"chevaliers?": "knight"})
_DE.update({rf"viktorianisch{_DE_ADJ}": "victorian", rf"mittelalterlich{_DE_ADJ}": "medieval",
            r"im stil(?: der| des| von)?": "style"})
_IT.update({r"vittorian[oaie]": "victorian", r"medieval[ei]": "medieval"})
_PT.update({r"vitorian[oa]s?": "victorian", r"medievais|medieval": "medieval"})
_RU.update({r"викторианск\w*": "victorian", r"средневеков\w*": "medieval"})
_CJK.update({"ビクトリア朝の": "victorian", "中世の": "medieval", "维多利亚时代的": "victorian", "中世纪的": "medieval",
             "빅토리아 시대의": "victorian", "중세의": "medieval", "중세": "medieval"})

# a graduate in cap and gown
_ES.update({r"graduados?|recién graduados?": "graduate", r"graduadas?|recién graduadas?": "female graduate",
            r"birretes?|gorros? de graduación": "mortarboard"})
_FR.update({r"diplômés?|jeunes? diplômés?": "graduate", r"diplômées?|jeunes? diplômées?": "female graduate",
            r"mortiers?|toques? de diplômés?|chapeaux? de diplômés?": "mortarboard"})
_DE.update({r"absolvent(?:en)?": "graduate", r"absolventin(?:nen)?": "female graduate", r"doktorhut|absolventenhut": "mortarboard"})
_IT.update({r"laureat[oi]|neolaureat[oi]": "graduate", r"laureat[ae]|neolaureat[ae]": "female graduate",
            r"tocc(?:o|hi)(?: di laurea)?": "mortarboard"})
_PT.update({r"formandos?|formados?|graduados?": "graduate", r"formandas?|formadas?|graduadas?": "female graduate",
            r"capelos?": "mortarboard", r"becas?": "graduation gown"})
_RU.update({r"выпускник\w*": "graduate", r"выпускниц\w*": "female graduate"})
_CJK.update({"졸업생": "graduate", "학사모": "mortarboard", "卒業生": "graduate", "角帽": "mortarboard",
             "毕业生": "graduate", "学士帽": "mortarboard"})

# types of people the lexicon's personas describe (identity/personas.py), as each language says them
_ES.update({r"g[aá]ng?ster(?:s|es)?": "gangster", r"capit[aá]n(?: de barco)?": "sea captain", r"marineros?": "sailor",
            r"vaqueros?": "cowboy", r"vaqueras?": "cowgirl", r"astronautas?": "astronaut",
            r"pescador(?:es)?": "fisherman", r"mineros?": "miner"})
_FR.update({r"capitaine(?: de navire)?": "sea captain", r"(?<!bleu )marins?|matelots?": "sailor",
            r"pêcheurs?": "fisherman", r"astronautes?": "astronaut"})
_DE.update({r"seem(?:a|ä)nn(?:er)?|matrosen?": "sailor", r"kapitän": "sea captain", r"fischer": "fisherman",
            r"bergmann|bergarbeiter": "miner", r"astronaut(?:in)?": "astronaut"})
_CJK.update({"선원": "sailor", "선장": "sea captain", "카우보이": "cowboy", "농부": "farmer", "소방관": "firefighter",
             "어부": "fisherman", "광부": "miner", "우주비행사": "astronaut", "갱스터": "gangster",
             "船長": "sea captain", "船乗り": "sailor", "カウボーイ": "cowboy", "農家": "farmer", "消防士": "firefighter",
             "料理人": "chef", "王様": "king", "漁師": "fisherman", "炭鉱夫": "miner", "宇宙飛行士": "astronaut",
             "ギャング": "gangster", "水手": "sailor", "船长": "sea captain", "牛仔": "cowboy", "农民": "farmer",
             "消防员": "firefighter", "渔夫": "fisherman", "矿工": "miner", "宇航员": "astronaut", "黑帮": "gangster",
             # (longer words holding those above: jeans are not cowboys)
             "牛仔裤": "jeans", "牛仔夹克": "denim jacket", "牛仔外套": "denim jacket", "牛仔衬衫": "denim shirt",
             "水手服": "sailor uniform"})

# hair of two colours and moods said of a person (lexicon: roots, split dye; confident, pensive, proud, determined)
_ES.update({r"ra[ií]ces oscuras": "dark roots", r"ra[ií]ces negras": "black roots", r"(?:pelo|cabello) bicolor": "two tone hair",
            r"segur[oa] de s[ií] mism[oa]|confiad[oa]": "confident", r"pensativ[oa]": "pensive", r"orgullos[oa]": "proud",
            r"decidid[oa]|determinad[oa]": "determined"})
_FR.update({r"racines foncées": "dark roots", r"racines noires": "black roots", r"cheveux bicolores": "two tone hair",
            r"sûre? d'elle|sûre? de lui|confiante?": "confident", r"pensi(?:f|ve)": "pensive", r"fi(?:er|ère)": "proud",
            r"déterminée?": "determined"})
_DE.update({rf"dunkl{_DE_ADJ} ansatz": "dark roots", rf"zweifarbig{_DE_ADJ} haare?": "two tone hair",
            rf"selbstbewusst{_DE_ADJ}": "confident", rf"nachdenklich{_DE_ADJ}": "pensive", rf"stolz{_DE_ADJ}": "proud",
            rf"entschlossen{_DE_ADJ}": "determined"})

# -- Swedish (Norwegian and Danish where a word is the same or an alternation covers it): adjectives
# stand before their noun as in English, with a -t (neuter) or -a/-e (plural, definite) ending
# ("en ung kvinna med långt blont hår", "en gammel mann med skjegg"); an age is "30 år (gammal)" or "30-årig"
_SV_ADJ = r"(?:t|a|e)?"
_SV = {
    r"m(?:a|æ)nn?(?:en)?|män|menn|mand(?:en)?|mænd|herre": "man", r"kvinn(?:a|an|or|e|en)|kvind(?:e|en)|dam(?:en)?|dame(?:n)?": "woman",
    r"pojk(?:e|en|ar)|gutt(?:en)?|dreng(?:en)?|kille": "boy", r"flick(?:a|an|or)|tjej|jent(?:e|a)|pige(?:n)?": "girl",
    r"barn(?:et)?": "child", r"bebis|baby|spädbarn|spedbarn": "baby", rf"ung{_SV_ADJ}": "young",
    r"gam(?:mal|mla|malt|mel|le|melt)": "old", r"äldre|eldre|ældre": "elderly",
    r"farmor|mormor|bestemor|oma": "grandmother", r"farfar|morfar|bestefar|opa": "grandfather",
    r"ton[åa]ring(?:en)?|ten[åa]ring(?:en)?|teenager": "teen", r"medel[åa]lders|middelaldrende": "middle aged",
    r"student(?:en)?": "student",
    r"h[åa]r(?:et)?": "hair", rf"l[åa]ng{_SV_ADJ}": "long", rf"kort{_SV_ADJ}": "short",
    rf"lockig{_SV_ADJ}|krull(?:ete|et|ede)|krøll(?:ete|et|ede)|krullig{_SV_ADJ}": "curly",
    rf"v[åa]gig{_SV_ADJ}|bølg(?:ete|et|ede)": "wavy", rf"rak{_SV_ADJ}|glatt{_SV_ADJ}": "straight",
    r"blon(?:d|t|da|dt|de)|ljushårig[at]?": "blonde", rf"brun{_SV_ADJ}": "brown", rf"mörk{_SV_ADJ}|mørke?": "dark",
    r"rödhårig[at]?|rødhåret|rødhårede?": "redhead", r"svart[ae]?|sort[e]?": "black", r"vit[at]?|vitt|hvit[te]?|hvid[te]?": "white",
    r"gr[åa](?:tt|a)?|grått|gråhårig[at]?|gråhåret": "grey", r"r[öø]d[at]?|rött|rødt|røde": "red",
    r"bl[åa](?:tt|a)?": "blue", r"marinbl[åa]|marinebl[åa]|mörkbl[åa]|mørkebl[åa]": "navy",
    r"gr[öø]n(?:t|a|ne|e)?|grønt|grønne|grønn": "green", r"gul[at]?|gult|gule": "yellow", r"rosa|lyserød": "pink",
    r"lila": "purple",
    r"orange": "orange",
    r"sk(?:ägg|jegg|æg)(?:et|get)?": "beard", r"mustasch(?:en)?|bart(?:en)?": "moustache",
    r"flintskallig[at]?|skallig[at]?|skallet|skaldet": "bald", r"hästsvans|hestehale": "ponytail",
    r"knut|h[åa]rknut|h[åa]rknute|knold": "bun", r"flätor|fletter|fletninger": "braids", r"fläta|flette|fletning": "braid",
    r"lugg|pannelugg|pandehår": "bangs",
    r"solglasögon|solbriller": "sunglasses", r"glasögon|briller": "glasses",
    r"hatt(?:en)?|hat": "hat", r"keps|caps|kasket": "cap", r"mössa|lue|hue": "beanie",
    r"huvudduk|hodeskjerf|hovedtørklæde|sjal": "headscarf", r"hijab": "hijab", r"halsduk|skjerf|halstørklæde": "scarf",
    r"kostym|jakkesæt": "suit", r"skjort(?:a|e)": "shirt", r"t shirt": "t shirt", r"klänning|kjole": "dress",
    r"tröja|genser|trøje|sweater": "sweater", r"luvtröja|hettegenser|hættetrøje|hoodie": "hoodie",
    r"jack(?:a|an)|jakke|kavaj|blazer": "jacket", r"rock|kappa|frakk|frakke": "coat", r"slips": "tie",
    r"blus|bluse": "blouse", r"förkläde|forkle|forklæde": "apron", r"uniform": "uniform",
    r"läkare|lege|læge|doktor": "doctor", r"sjuksköterska|sykepleier|sygeplejerske": "nurse",
    r"lärare|lærer(?:inne)?|lärarinna": "teacher", r"kock|kokk|kok": "chef", r"soldat": "soldier",
    r"polis(?:man)?|politi(?:mann|betjent)?|politibetjent": "police officer",
    r"nyhetsuppläsare|nyhetsankare|nyhetsoppleser|nyhedsoplæser|nyhetspresentatör|programledare|studievært": "news anchor",
    r"svensk[at]?|svenske?": "swedish", r"norsk[at]?|norske?": "norwegian", r"dansk[at]?|danske?": "danish",
    r"finsk[at]?|finske?": "finnish", r"asiatisk[at]?|asiatiske?": "asian", r"afrikansk[at]?|afrikanske?": "african",
    r"japansk[at]?|japanske?": "japanese", r"kinesisk[at]?|kinesiske?": "chinese", r"koreansk[at]?|koreanske?": "korean",
    r"indisk[at]?|indiske?": "indian", r"europeisk[at]?|europeiske?|europæisk|europæiske": "european",
    r"arabisk[at]?|arabiske?": "arab",
    r"leende|smilende": "smiling", r"glad[at]?|glade|lycklig[at]?|lykkelig[e]?": "happy",
    r"ledsen|ledsna|trist[a]?|lei seg|sorgsen": "sad", r"allvarlig[at]?|alvorlig[et]?|seriøs[e]?": "serious",
    r"arg[at]?|sint[e]?|vred[e]?": "angry", r"ögon|øyne|øjne": "eyes", r"hud(?:en)?": "skin",
    r"år gam(?:mal|mla|malt|mel|le)|år": "years old", r"årig[ae]?|årige": "year old",
    r"huvud(?:et)?|hode(?:t)?|hoved(?:et)?": "head", r"utan|uten|uden": "without", r"med": "with", r"och|og": "and", r"en|ett|et|ei": "a", r"i": "in",
    r"som|bär|bærer|klädd|kledd|klædt|har": "",
}
# -- Turkish: agglutinative; adjectives stand before their noun as in English. A noun takes "-lı"
# ("with": saçlı, gözlüklü, sakallı), a possessive or case ending ("saçları", "elbisesi"); the
# glossary's nouns take those endings ({_TR_N}) and read as the noun ("uzun siyah saçlı" -> "long black hair").
# "-sız" (without) is read before them ("sakalsız": without beard). "bir" (a) is dropped: it may stand
# between an adjective and its noun ("genç bir kadın").
_TR_N = r"(?:l[ıiuü]|[sy]?[ıiuü]|l[ae]r|l[ae]r[ıi]|n[ıiuü]n|[sy]?[ıiuü]n[ıiuü]n)?"
_TR = {
    r"orta yaşlı": "middle aged", r"uzun boylu": "tall", r"kısa boylu": "short", rf"adam{_TR_N}|erkek{_TR_N}|bay": "man", rf"kadın{_TR_N}|bayan{_TR_N}|hanım": "woman",
    rf"erkek çocu(?:k|ğu)|oğlan{_TR_N}": "boy", rf"kız çocu(?:k|ğu)|küçük kız{_TR_N}": "little girl",
    rf"genç kız{_TR_N}": "teenage girl", rf"kız{_TR_N}": "girl",
    rf"çocu(?:k|ğ){_TR_N}": "child", rf"bebe(?:k|ğ){_TR_N}": "baby", r"genç|gençler": "young", r"yaşlı|ihtiyar": "old",
    r"küçük": "little", r"büyükanne|anneanne|babaanne|nine": "grandmother",
    rf"dede{_TR_N}|büyükbaba": "grandfather", rf"ergen{_TR_N}": "teen",
    rf"öğrenci{_TR_N}": "student",
    r"yaşında(?:ki)?|yaşlarında(?:ki)?|yaşındaki": "years old",
    rf"saç{_TR_N}": "hair", r"uzun": "long", r"kısa": "short", r"kıvırcık": "curly",
    rf"bukle{_TR_N}|lüle lüle|lüleli": "curls",
    r"dalgalı": "wavy", r"düz": "straight", r"sarışın": "blonde", rf"sarı saç{_TR_N}": "blonde hair",
    r"kumral": "light brown", r"esmer": "dark", r"kahverengi|kahve rengi": "brown", r"siyah|kara": "black",
    r"beyaz|ak": "white", r"gri|kır": "grey", rf"kızıl saç{_TR_N}": "red hair", r"kızıl": "red", r"kırmızı": "red",
    r"mavi": "blue", r"lacivert": "navy", r"yeşil": "green", r"sarı": "yellow", r"pembe": "pink", r"mor": "purple",
    r"turuncu": "orange", r"altın": "gold", r"gümüş": "silver",
    r"sakalsız": "without beard", r"bıyıksız": "without moustache", r"gözlüksüz": "without glasses",
    rf"sakal{_TR_N}": "beard", rf"bıyı(?:k|ğ){_TR_N}": "moustache", r"kel|dazlak|keltoş": "bald",
    rf"at kuyru(?:k|ğu)(?:lu)?|atkuyru(?:k|ğu)(?:lu)?": "ponytail", rf"topuz{_TR_N}": "bun",
    rf"örgülü saç{_TR_N}|örgü(?! bere){_TR_N}": "braids", rf"kakül{_TR_N}|perçem{_TR_N}": "bangs",
    rf"güneş gözlü(?:k|ğ){_TR_N}": "sunglasses", rf"gözlü(?:k|ğ){_TR_N}": "glasses",
    rf"beyzbol şapka{_TR_N}|kep{_TR_N}": "cap", rf"şapka{_TR_N}": "hat", rf"bere{_TR_N}": "beret",
    rf"(?:yün|örgü) bere{_TR_N}": "beanie",
    rf"başörtü{_TR_N}|türban{_TR_N}|eşarp{_TR_N}|tülbent{_TR_N}": "headscarf",
    rf"tesettür{_TR_N}|hicap{_TR_N}|hijab{_TR_N}": "hijab", rf"atkı{_TR_N}|fular{_TR_N}": "scarf",
    rf"takım elbise{_TR_N}|takım{_TR_N}": "suit", rf"elbise{_TR_N}": "dress", rf"gömle(?:k|ğ){_TR_N}": "shirt",
    rf"tişört{_TR_N}|t shirt{_TR_N}": "t shirt", rf"kaza(?:k|ğ){_TR_N}|süveter{_TR_N}": "sweater",
    rf"kapüşonlu(?: sweatshirt)?{_TR_N}|sweatshirt{_TR_N}": "hoodie", rf"ceket{_TR_N}|mont{_TR_N}": "jacket",
    rf"palto{_TR_N}|kaban{_TR_N}": "coat", rf"kravat{_TR_N}": "tie", rf"bluz{_TR_N}": "blouse",
    rf"önlü(?:k|ğ){_TR_N}": "apron", rf"üniforma{_TR_N}": "uniform",
    rf"doktor{_TR_N}|hekim{_TR_N}": "doctor", rf"hemşire{_TR_N}": "nurse", rf"öğretmen{_TR_N}": "teacher",
    rf"aşçı{_TR_N}|şef{_TR_N}": "chef", rf"asker{_TR_N}": "soldier", rf"polis{_TR_N}": "police officer",
    rf"haber spikeri{_TR_N}|spiker{_TR_N}|haber sunucusu{_TR_N}": "news anchor",
    rf"türk{_TR_N}": "turkish", rf"japon{_TR_N}": "japanese", rf"çinli{_TR_N}": "chinese", rf"koreli{_TR_N}": "korean",
    rf"afrikalı{_TR_N}": "african", rf"asyalı{_TR_N}": "asian", rf"avrupalı{_TR_N}": "european",
    rf"hintli{_TR_N}": "indian", rf"arap{_TR_N}": "arab",
    r"gülümseyen|gülen|güler yüzlü": "smiling", r"mutlu|neşeli": "happy", r"üzgün|hüzünlü": "sad",
    r"ciddi": "serious", r"kızgın|sinirli|öfkeli": "angry", rf"göz{_TR_N}|gözleri": "eyes", rf"ten{_TR_N}": "skin",
    r"iki": "two", r"üç": "three", r"dört": "four", r"beş": "five", r"altı": "six", r"yedi": "seven", r"sekiz": "eight",
    r"dokuz": "nine", r"on": "ten", r"yirmi": "twenty", r"otuz": "thirty", r"kırk": "forty", r"elli": "fifty",
    r"altmış": "sixty", r"yetmiş": "seventy", r"seksen": "eighty", r"doksan": "ninety",
    r"çok": "very", r"ile": "with", r"ve": "and", r"bir|olan|yok|olmayan|giymiş|giyen|giyinmiş|takmış|takan|takılı|bağlamış|taşıyan|var": "",
}
# -- Polish: word stems (its nouns and adjectives decline: "z długimi czarnymi włosami", "w czerwonej
# sukience"); adjectives stand before their noun as in English. An age is "30 lat" or "30-letni".
_PL = {
    r"mężczyzn\w*|facet\w*|pan(?:a|em)?": "man", r"kobiet\w*|pani|pań": "woman",
    r"chłop(?:iec|ca|cem|cy|ak\w*)": "boy", r"dziewczynk\w*": "little girl", r"dziewczyn\w*|dziewczę\w*": "girl",
    r"dzieck\w*|dzieci\w*": "child", r"niemowl\w*|bobas\w*": "baby", r"młod\w*": "young",
    r"starsz\w*|w podeszłym wieku": "elderly", r"staruszk(?:a|i|ą|ę|ce)": "old woman",
    r"staruszek|staruszkiem|staruszkowie": "old man", r"star\w*": "old",
    r"w średnim wieku": "middle aged", r"babci\w*|babk\w*": "grandmother", r"dziad(?:ek|k\w*|zi\w*)": "grandfather",
    r"nastolatk(?:a|i|ą|ę|ce)|nastoletni\w* dziewczyn\w*": "teenage girl", r"nastolat\w*": "teen",
    r"student\w*": "student", r"mał\w*": "little",
    r"włos\w*|fryzur\w*": "hair", r"dług(?!owłos)\w*": "long", r"krótk\w*|krótsz\w*": "short",
    r"kręcon\w*|kręcą\w*": "curly", r"lok(?:i|ów|ami|ach)|loczk\w*": "curls", r"falowan\w*|falując\w*": "wavy",
    r"prost\w*": "straight",
    r"jasnowłos\w*|jasn\w* włos\w*": "blonde hair", r"ciemnowłos\w*|ciemn\w* włos\w*": "dark hair",
    r"blondynk\w*": "blonde woman", r"blond(?!ynk)\w*": "blonde", r"jasn\w*": "light", r"ciemn\w*": "dark",
    r"brązow\w*": "brown", r"czarn\w*": "black",
    r"biał\w*": "white", r"siw\w*|szpakowat\w*": "grey", r"szar\w*": "grey", r"rudowłos\w*": "red haired",
    r"rud(?:y|a|e)": "redhead", r"rud(?!owłos|[yae]\b)\w*": "red", r"czerwon\w*": "red",
    r"granatow\w*": "navy", r"niebiesk\w*": "blue", r"zielon\w*": "green", r"żółt\w*": "yellow",
    r"różow\w*": "pink", r"fioletow\w*": "purple", r"pomarańczow\w*": "orange", r"złot\w*": "gold",
    r"srebrn\w*": "silver",
    r"łys\w*": "bald", r"brodat\w*": "bearded", r"brod(?:a|ą|y|zie|ę)": "beard", r"wąs\w*": "moustache",
    r"kucyk\w*|koński\w* ogon\w*|kitk\w*": "ponytail", r"kok(?:u|iem|a)?": "bun", r"warkocz\w*": "braids",
    r"grzywk\w*": "bangs",
    r"okular\w* przeciwsłoneczn\w*": "sunglasses", r"okular\w*": "glasses",
    r"(?:czapk\w*|czapce|czapeczk\w*|czapeczce) z daszkiem|bejsbolówk\w*|bejsbolówce": "cap", r"kapelusz\w*": "hat",
    r"czapk\w*|czapce": "beanie",
    r"beret\w*": "beret", r"chust\w*|chuści\w*|chuście": "headscarf", r"hidżab\w*|hijab\w*": "hijab", r"szal\w*": "scarf",
    r"garnitur\w*": "suit", r"koszulk\w*|koszulce|t shirt\w*": "t shirt", r"koszul\w*": "shirt", r"sukien\w*|sukn\w*": "dress",
    r"sweter\w*|swetr\w*": "sweater", r"bluz\w* z kapturem": "hoodie", r"bluzk\w*|bluzce": "blouse", r"bluz\w*": "hoodie",
    r"kurtk\w*|kurtce|marynark\w*|marynarce": "jacket", r"płaszcz\w*": "coat", r"krawat\w*|krawac\w*": "tie", r"fartuch\w*": "apron",
    r"mundur\w*": "uniform",
    r"lekark\w*|lekarce": "female doctor", r"lekar\w*|doktor\w*": "doctor", r"pielęgniar\w*": "nurse",
    r"nauczycielk\w*|nauczycielce": "female teacher", r"nauczyciel\w*": "teacher",
    r"kucharz\w*|kuchar\w*|szef\w* kuchni": "chef", r"żołnierz\w*": "soldier", r"policjant\w*": "police officer",
    r"prezenter\w*(?: wiadomości)?|spiker\w*": "news anchor",
    r"polak\w*|polk[aiąę]|polsk\w*": "polish", r"azjat\w*|azjatyck\w*": "asian", r"afrykanin\w*": "african man",
    r"afrykank\w*": "african woman", r"afrykan\w*|afrykańsk\w*": "african",
    r"japońsk\w*": "japanese", r"japonk\w*": "japanese woman", r"japończyk\w*": "japanese man",
    r"chińsk\w*": "chinese", r"chink\w*": "chinese woman", r"chińczyk\w*": "chinese man",
    r"koreańsk\w*|koreank\w*|koreańczyk\w*": "korean", r"europejsk\w*": "european", r"hindusk\w*": "indian woman",
    r"hindus\w*|indyjsk\w*": "indian",
    r"arab\w*": "arab",
    r"uśmiechnię\w*|uśmiechając\w*": "smiling", r"szczęśliw\w*|wesoł\w*|radosn\w*": "happy", r"smutn\w*": "sad",
    r"poważn\w*": "serious", r"zły|zła|złe|rozgniewan\w*|wściekł\w*": "angry", r"oczy|oczami|oczach": "eyes",
    r"skór\w*|cer(?:a|ą|y|ze)": "skin",
    r"lat": "years old", r"letni\w*": "year old", r"w wieku|około": "",
    r"bez": "without", r"z|ze": "with", r"i|oraz": "and", r"w|we": "in",
    r"który|która|które|nosi|noszą\w*|ubran\w*|ma|mający|mająca": "",
}
# -- Indonesian and Malay: a noun comes before what describes it ("wanita muda berambut panjang
# hitam": woman young long black hair), so the hair's and clothes' words are moved in front (_NOUN_FIRST)
_ID = {
    r"laki laki|lelaki|pria|cowok|jejaka": "man", r"perempuan|wanita|cewek": "woman",
    r"anak laki laki|bocah laki laki|budak lelaki": "boy", r"anak perempuan|budak perempuan|gadis kecil": "girl",
    r"gadis": "young woman", r"remaja putri|gadis remaja": "teenage girl", r"remaja putra": "teenage boy",
    r"pemuda": "young man", r"anak anak|anak|bocah|budak": "child",
    r"bayi": "baby", r"muda": "young", r"orang tua|tua|sepuh": "old", r"lansia|lanjut usia|warga emas": "elderly",
    r"nenek": "grandmother", r"kakek|datuk|atuk": "grandfather", r"remaja": "teen", r"paruh baya|setengah baya|separuh umur": "middle aged",
    r"mahasiswa|mahasiswi|pelajar|siswa|siswi": "student", r"kecil": "little",
    r"berambut|rambut(?:nya)?": "hair", r"panjang": "long", r"pendek": "short", r"keriting|kerinting": "curly",
    r"ikal|bergelombang|berombak": "wavy", r"lurus": "straight", r"pirang": "blonde",
    r"beruban|uban": "grey", r"abu abu|kelabu": "grey", r"(?:cokelat|coklat) muda": "light brown",
    r"cokelat|coklat": "brown", r"hitam": "black", r"putih": "white", r"merah muda|pink": "pink", r"merah": "red",
    r"biru (?:tua|dongker|laut|gelap)": "navy", r"biru": "blue", r"hijau": "green", r"kuning": "yellow",
    r"ungu": "purple", r"oranye|jingga": "orange", r"gelap": "dark", r"emas": "gold", r"perak": "silver",
    r"botak|gundul": "bald", r"(?:ber)?janggut|(?:ber)?jenggot": "beard",
    r"(?:ber)?kumis|misai": "moustache", r"(?:rambut )?(?:ber)?(?:kuncir|ekor) kuda": "ponytail",
    r"sanggul|cepol": "bun",
    r"(?:rambut )?(?:di)?kepang(?:an)?|tocang": "braids", r"poni": "bangs",
    r"(?:ber)?(?:kacamata|cermin mata) (?:hitam|gelap|matahari)": "sunglasses",
    r"(?:ber)?kacamata|(?:ber)?cermin mata": "glasses",
    r"topi (?:bisbol|baseball)": "baseball cap", r"topi rajut|kupluk": "beanie", r"baret": "beret", r"(?:ber)?topi": "hat",
    r"(?:ber)?(?:jilbab|kerudung|tudung|hijab)": "hijab", r"syal|selendang|selempang": "scarf",
    r"setelan jas|jas": "suit", r"kemeja": "shirt", r"kaos|kaus|t shirt": "t shirt", r"gaun": "dress",
    r"(?:ber)?baju": "shirt", r"sweter|switer|baju hangat": "sweater", r"jaket berkerudung|hoodie": "hoodie",
    r"jaket": "jacket", r"mantel": "coat", r"dasi": "tie", r"blus": "blouse", r"celemek|apron": "apron",
    r"seragam": "uniform",
    r"dokter|doktor": "doctor", r"perawat|suster|jururawat": "nurse", r"guru|cikgu": "teacher",
    r"koki|juru masak|chef|tukang masak": "chef", r"tentara|prajurit|askar|serdadu": "soldier",
    r"polisi|polis": "police officer", r"pembawa berita|penyiar berita|presenter berita|pembaca berita": "news anchor",
    r"(?:orang )?indonesia": "indonesian", r"(?:orang )?(?:melayu|malaysia)": "malaysian", r"(?:orang )?asia": "asian",
    r"(?:orang )?afrika": "african", r"(?:orang )?eropa|(?:orang )?eropah": "european", r"(?:orang )?jepang|(?:orang )?jepun": "japanese",
    r"(?:orang )?(?:cina|tionghoa)": "chinese", r"(?:orang )?korea": "korean", r"(?:orang )?india": "indian",
    r"(?:orang )?arab": "arab",
    r"(?:sedang )?tersenyum": "smiling", r"senang|bahagia|gembira|ceria": "happy", r"sedih": "sad", r"serius": "serious",
    r"marah": "angry", r"(?:ber)?mata": "eyes", r"kulit": "skin", r"tahun": "years old",
    r"tanpa": "without", r"dengan": "with", r"dan": "and", r"seorang|sebuah|satu": "a", r"di": "in",
    r"yang|memakai|mengenakan|pakai|berpakaian|diikat|sedang|berusia|berumur|umur|usia|orang|warna|berwarna": "",
}
# -- Vietnamese: words of one syllable or more, a noun before what describes it ("một cô gái tóc dài":
# a girl, hair long); the describing words are moved in front of the hair and clothes (_NOUN_FIRST)
_VI = {
    r"(?:người )?đàn ông|nam giới|anh chàng": "man", r"(?:người )?phụ nữ|đàn bà|nữ giới": "woman",
    r"cô gái|con gái|bé gái|cô bé": "girl", r"thiếu nữ": "teenage girl", r"chàng trai": "young man",
    r"cậu bé|bé trai|con trai": "boy", r"trẻ em|đứa trẻ|đứa bé|trẻ con": "child", r"em bé|trẻ sơ sinh": "baby",
    r"trẻ tuổi|trẻ": "young", r"ông già|ông lão|ông cụ|cụ ông": "old man", r"bà già|bà lão|bà cụ|cụ bà": "old woman", r"cụ": "elderly",
    r"già": "old", r"cao tuổi|lớn tuổi|cao niên": "elderly", r"bà nội|bà ngoại|bà": "grandmother",
    r"ông nội|ông ngoại|ông": "grandfather", r"thiếu niên|tuổi teen": "teen", r"trung niên": "middle aged",
    r"sinh viên|học sinh": "student", r"nhỏ|bé": "little", r"cô|nữ": "woman", r"nam": "man",
    r"tóc": "hair", r"dài": "long", r"ngắn": "short", r"xoăn|quăn": "curly", r"gợn sóng|lượn sóng": "wavy",
    r"thẳng": "straight", r"tóc (?:màu )?vàng": "blonde hair", r"tóc bạc(?! phơ)|tóc muối tiêu|tóc hoa râm": "grey hair", r"tóc bạc phơ|tóc trắng": "white hair", r"bạc phơ|trắng phau": "white",
    r"nâu": "brown", r"đen": "black", r"trắng": "white", r"bạc": "silver", r"xám|ghi": "grey", r"đỏ": "red",
    r"xanh (?:đậm|than|navy)": "navy", r"xanh lá(?: cây)?": "green", r"xanh(?! lá| đậm| than| navy)(?: dương| da trời| nước biển)?": "blue",
    r"vàng": "yellow", r"hồng": "pink", r"tím": "purple", r"cam": "orange",
    r"hói|trọc|đầu trọc": "bald", r"ria mép|râu mép|ria": "moustache", r"râu": "beard",
    r"(?:tóc )?đuôi ngựa": "ponytail", r"búi tóc|tóc búi": "bun", r"tóc tết|bím tóc|tết tóc": "braids", r"tóc mái": "bangs",
    r"kính râm|kính mát|kính đen": "sunglasses", r"kính(?: cận)?|mắt kính": "glasses",
    r"mũ lưỡi trai": "cap", r"mũ len": "beanie", r"nón lá": "conical hat", r"mũ|nón": "hat",
    r"khăn trùm đầu|khăn choàng đầu": "headscarf", r"hijab|khăn hijab": "hijab", r"khăn quàng(?: cổ)?|khăn choàng(?! đầu)": "scarf",
    r"áo sơ mi": "shirt", r"áo thun|áo phông": "t shirt", r"áo dài": "ao dai", r"váy|đầm": "dress", r"áo len": "sweater",
    r"áo hoodie|áo khoác có mũ|hoodie": "hoodie", r"áo khoác|áo vest|áo jacket": "jacket", r"áo choàng|áo măng tô": "coat",
    r"bộ vest|bộ com lê|com lê|vest": "suit", r"cà vạt": "tie", r"áo cánh|áo blouse(?! trắng)": "blouse",
    r"tạp dề": "apron",
    r"đồng phục": "uniform", r"áo": "shirt",
    r"bác sĩ": "doctor", r"y tá": "nurse", r"cô giáo": "female teacher", r"giáo viên|thầy giáo": "teacher",
    r"đầu bếp": "chef", r"người lính|bộ đội|lính(?! cứu)|quân nhân": "soldier", r"cảnh sát|công an": "police officer",
    r"phát thanh viên|người dẫn chương trình|biên tập viên": "news anchor",
    r"(?:người )?việt(?: nam)?": "vietnamese", r"(?:người )?châu á": "asian", r"(?:người )?châu phi": "african",
    r"(?:người )?châu âu": "european", r"(?:người )?nhật(?: bản)?": "japanese",
    r"(?:người )?trung quốc|người hoa": "chinese", r"(?:người )?hàn quốc|người hàn": "korean", r"(?:người )?ấn độ": "indian",
    r"(?:người )?ả rập": "arab",
    r"mỉm cười|đang cười|tươi cười|cười tươi|cười": "smiling", r"vui vẻ|hạnh phúc|vui": "happy", r"buồn(?: bã)?": "sad",
    r"nghiêm túc|nghiêm nghị": "serious", r"tức giận|giận dữ": "angry", r"mắt": "eyes", r"làn da|da": "skin",
    r"tuổi": "years old",
    r"không có|không": "without", r"có|với": "with", r"và": "and", r"một": "a",
    r"người|mặc|đeo|đội|quàng|mang|để|buộc|cột|cái|chiếc|bộ|màu|con|là|đang|trong|khoảng": "",
}
# a decade of life: "i 50-årsåldern", "30'lu yaşlarında", "usia 30-an"
for _d in "23456789":
    _SV[rf"{_d}0 ?års ?(?:åldern|alderen)"] = f"in their {_d}0s"
    _TR[rf"{_d}0 ?['’]? ?l[ıiuü] yaşlar(?:ında|ındaki|da|daki)"] = f"in their {_d}0s"
    _ID[rf"{_d}0 ?an"] = f"in their {_d}0s"
_GLOSSARIES.update({"sv": _SV, "tr": _TR, "pl": _PL, "id": _ID, "vi": _VI})
_NOUN_FIRST |= {"id", "vi"}
_MARKERS.update({
    # not "en" and "man" (English and Dutch words too), nor "mann" (German)
    "sv": {"med", "och", "og", "ett", "kvinna", "kvinnan", "kvinne", "kvinde", "flicka", "pojke", "tjej", "jente", "gutt",
           "pige", "dreng", "hår", "håret", "skägg", "skjegg", "skæg", "glasögon", "briller", "gammal", "gammel", "gamla",
           "gamle", "ung", "unga", "år", "långt", "långa", "langt", "blont", "blondt", "äldre", "svart", "svarta", "vit",
           "vitt", "vita", "röd", "rött", "röda", "rød", "grå", "grått", "brunt", "lockigt", "skallig", "mustasch", "keps",
           "mössa", "hatt", "solglasögon", "solbriller", "kostym", "klänning", "kjole", "skjorta", "skjorte", "tröja",
           "jacka", "jakke", "läkare", "leende", "allvarlig", "svensk", "svenska", "norsk", "dansk", "hästsvans",
           "årsåldern", "årsalderen", "lila"},
    "tr": {"bir", "ve", "ile", "kadın", "adam", "erkek", "kız", "çocuk", "yaşlı", "genç", "saçlı", "saç", "saçları",
           "yaşında", "yaşındaki", "gözlüklü", "gözlü", "sakallı", "bıyıklı", "kel", "şapkalı", "başörtülü", "elbiseli",
           "uzun", "kısa", "kıvırcık", "dalgalı", "sarışın", "siyah", "beyaz", "kırmızı", "mavi", "sarı", "kır", "giymiş",
           "gülümseyen", "mutlu", "üzgün", "ciddi", "türk", "hemşire", "öğretmen", "asker", "aşçı", "çok"},
    # not "i" (Italian), "ze" (Dutch), nor "z" and "w" (a letter alone is no language)
    "pl": {"kobieta", "kobietą", "mężczyzna", "mężczyzną", "dziewczyna", "dziewczynka", "chłopiec", "chłopak", "włosy",
           "włosami", "długie", "długimi", "krótkie", "krótkimi", "czarne", "czarnymi", "lat", "letni", "letnia", "stary",
           "stara", "starszy", "starsza", "młoda", "młody", "okulary", "okularach", "okularami", "brodą", "wąsami",
           "uśmiechnięta", "uśmiechnięty", "ubrana", "ubrany", "babcia", "dziadek", "lekarz", "lekarka", "polski", "polska",
           "żołnierz", "nastolatka", "nastolatek", "pielęgniarka", "nauczycielka", "nauczyciel", "warkoczami", "kucykiem",
           "łysy", "siwymi", "siwe", "rudymi", "rude", "kręconymi", "kręcone", "sukience", "garniturze",
           "kapeluszu", "czapce", "chuście"},
    "id": {"seorang", "dengan", "dan", "yang", "wanita", "perempuan", "pria", "lelaki", "laki", "anak", "rambut",
           "berambut", "tahun", "muda", "tua", "berkacamata", "memakai", "mengenakan", "berusia", "berumur", "remaja",
           "gadis", "nenek", "kakek", "bayi", "polisi", "indonesia", "melayu", "berkumis", "berjanggut", "berjenggot", "botak",
           "tersenyum", "sedih", "hitam", "putih", "merah", "panjang", "pendek", "keriting", "lurus", "pirang", "beruban",
           "berjilbab", "jilbab", "kerudung", "tudung", "bertopi", "baju", "kemeja", "kaos", "kacamata", "orang"},
    "vi": {"một", "người", "đàn", "ông", "bà", "cô", "gái", "trai", "tóc", "dài", "ngắn", "có", "và", "với", "đeo",
           "mặc", "tuổi", "già", "trẻ", "kính", "râu", "phụ", "nữ", "bé", "buồn", "niên", "thiếu", "cười", "mỉm", "giáo",
           "sĩ", "bác", "sát", "cảnh", "tá", "nón", "mũ", "áo", "váy", "đội", "xoăn", "hói", "đen", "trắng", "đỏ", "vàng",
           "màu", "nghiêm", "việt", "đầu", "bếp", "lính", "phát", "viên", "cảnh"},
})

# -- what an audit of ~60 everyday prompts in each language found unread: nouns for curls, the nouns
# that say a person's sex and age in one word ("una joven", "eine Japanerin", "японка"), ages in
# words, stubble, freckles and wrinkles, and the garments and trades of the commonest prompts
_ES.update({
    r"rizos|bucles|rizitos": "curls", r"tirabuzones": "ringlets",
    r"(?:una|la) chica adolescente|(?:una|la) adolescente|chicas adolescentes": "teenage girl",
    r"chicos? adolescentes?": "teenage boy",
    # "una joven", "un viejo": a person, not only an age
    r"(?:una|la) joven": "young woman", r"(?:un|el) joven": "young man",
    r"(?:una|la) vieja": "old woman", r"(?:un|el) viejo": "old man",
    r"cola de caballo": "ponytail", r"de unos": "about",
    r"veinteañer[oa]s?": "in their twenties", r"treintañer[oa]s?": "in their thirties",
    r"cuarent[oó]n|cuarentonas?": "in their forties", r"cincuent[oó]n|cincuentonas?": "in their fifties",
    r"sesent[oó]n|sesentonas?": "in their sixties",
    r"barba de (?:tres|dos|varios|pocos) días|barba incipiente": "stubble", r"sin afeitar|mal afeitad[oa]": "unshaven",
    r"barbud[oa]s?": "bearded", r"bigotud[oa]s?": "moustached",
    r"pañuelo (?:en|sobre) la cabeza": "headscarf", r"(?:en|sobre) la cabeza": "on the head",
    r"recogid[oa]s?|corte(?: de pelo)?": "", r"media melena": "shoulder length hair", r"melena corta": "bob",
    r"melenas?": "hair", r"uniformes?": "uniform", r"uniforme militar": "military uniform",
    r"batas? blancas?": "white lab coat", r"batas? (?:de laboratorio|médicas?)": "lab coat", r"batas?": "robe",
    r"pecas|pecos[oa]s?": "freckles", r"arrugas": "wrinkles", r"arrugad[oa]s?": "wrinkled",
    r"agentes? de policía": "police officer", r"gorro de lana": "beanie",
})
_FR.update({
    r"boucles|bouclettes": "curls", r"(?:aux |en )anglaises": "with ringlets", r"fillettes?": "girl",
    r"vieil": "old", r"(?:une |la )?vieille dame": "old woman", r"dames?": "lady",
    r"mamie|mamy|mémé|grand maman": "grandmother", r"papi|papy|pépé|grand papa": "grandfather",
    r"(?:une |l')adolescente": "teenage girl",
    r"(?:dans )?la vingtaine": "in their twenties", r"(?:dans )?la trentaine": "in their thirties",
    r"(?:dans )?la quarantaine": "in their forties", r"(?:dans )?la cinquantaine": "in their fifties",
    r"(?:dans )?la soixantaine": "in their sixties",
    r"moustachus?": "moustached", r"à": "with",
    r"attachée?s?|coiffée?s?|coupée?s?": "", r"(?:un |au )carré(?: court| plongeant)?|coupe au carré": "bob",
    r"barbe de (?:trois|deux|quelques) jours|barbe naissante": "stubble", r"mal rasée?|pas rasée?": "unshaven",
    r"casquette de baseball": "baseball cap", r"voilée?s?": "headscarf", r"tee shirts?": "t shirt",
    r"uniformes?": "uniform", r"uniforme militaire": "military uniform",
    r"blouses? blanches?": "white lab coat", r"blouses? de (?:laboratoire|médecin)": "lab coat",
    r"rides": "wrinkles", r"ridée?s?": "wrinkled", r"taches de son": "freckles",
    r"agents? de police": "police officer",
    # "une Japonaise", "un Chinois": a woman or man of that nation
    r"(?:une|la) japonaise": "japanese woman", r"(?:un|le) japonais": "japanese man",
    r"(?:une|la) chinoise": "chinese woman", r"(?:un|le) chinois": "chinese man",
    r"(?:une|la) coréenne": "korean woman", r"(?:un|le) coréen": "korean man",
    r"(?:une|l') ?africaine": "african woman", r"(?:un|l') ?africain": "african man",
    r"(?:une|l') ?indienne": "indian woman", r"(?:un|l') ?indien": "indian man",
    r"(?:homme|garçon|enfant) roux": "red haired man", r"(?:femme|fille|dame) rousse": "red haired woman",
    r"d'une?|l'une?": "",
})
_PT.update({
    r"cachos|cachinhos|caracóis": "curls", r"(?:uma|a) adolescente": "teenage girl",
    r"(?:um|o) velho": "old man", r"(?:uma|a) velha": "old woman", r"(?:uma|a) idosa": "elderly woman",
    r"(?:um|o) idoso": "elderly man", r"(?:uma|a) jovem": "young woman", r"(?:um|o) jovem": "young man",
    r"senhoras?": "lady", r"senhor(?:es)?": "man",
    r"e poucos anos": "", r"(?:quarenta) e poucos": "in their forties", r"na casa dos (?:quarenta)": "in their forties",
    r"(?:trinta) e poucos|na casa dos trinta": "in their thirties",
    r"(?:vinte) e poucos|na casa dos vinte": "in their twenties",
    r"(?:cinquenta) e poucos|na casa dos cinquenta": "in their fifties",
    r"(?:sessenta) e poucos|na casa dos sessenta": "in their sixties",
    r"pres[oa]s?": "", r"corte chanel|cabelo chanel|chanel": "bob",
    r"barba por fazer|barba de (?:três|poucos) dias": "stubble", r"óculos escuros": "sunglasses",
    r"boné de beisebol": "baseball cap", r"(?:na|sobre a) cabeça": "on the head",
    r"lenço (?:na|sobre a) cabeça": "headscarf",
    r"véu islâmico": "hijab", r"com capuz": "", r"sobretudo": "coat", r"uniformes?|fardad[oa]s?|farda": "uniform",
    r"jalecos?(?: brancos?)?|batas? brancas?": "white lab coat", r"avental": "apron",
    r"sardas|sardent[oa]s?": "freckles", r"rugas": "wrinkles", r"enrugad[oa]s?": "wrinkled", r"sorrindo": "smiling",
    r"chinês|chineses": "chinese", r"indian[oa]s?": "indian", r"chef de cozinha": "chef",
    r"polícias?": "police officer",
    r"barbud[oa]s?": "bearded", r"bigodud[oa]s?": "moustached", r"(?:homem|menino|rapaz) ruivo": "red haired man",
    r"(?:mulher|menina|moça) ruiva": "red haired woman",
})
_IT.update({
    r"riccioli|boccoli|ricciolini": "curls", r"ragazzin[oi]": "boy", r"ragazzin[ae]": "girl",
    r"(?:un'|una )adolescente|ragazza adolescente": "teenage girl", r"coda di cavallo": "ponytail",
    r"(?:un|il) vecchio": "old man", r"(?:una|la) vecchia": "old woman", r"(?:un'|l'|una )anziana": "elderly woman",
    r"(?:un|l') ?anziano": "elderly man", r"signor[ae]": "lady", r"bebè": "baby",
    r"grigia": "grey", r"dai|dal|dalla|dagli|dalle|coi|col|sulla|sul": "", r"dai capelli": "hair",
    r"sulla (?:ventina)": "in their twenties", r"sulla trentina": "in their thirties",
    r"sulla quarantina": "in their forties",
    r"sulla cinquantina": "in their fifties", r"sulla sessantina": "in their sixties",
    r"ventenne": "twenty year old", r"trentenne": "thirty year old", r"quarantenne": "forty year old",
    r"cinquantenne": "fifty year old", r"sessantenne": "sixty year old", r"quarant'anni": "forty years old",
    r"pelat[oaie]": "bald", r"raccolt[ie]": "", r"caschetto": "bob",
    r"barba incolta|barba di (?:tre|due|qualche) giorni|barba sfatta": "stubble",
    r"cappellino da baseball|berretto da baseball": "baseball cap", r"berretto di lana|cuffia di lana": "beanie",
    r"l'hijab|lo hijab|hijab": "hijab", r"con cappuccio": "", r"uniform[ei]|divisa(?: militare)?": "uniform",
    r"camic(?:e|i) bianc(?:o|hi)": "white lab coat", r"camic(?:e|i)": "lab coat",
    r"lentiggini|lentigginos[oaie]": "freckles", r"rughe": "wrinkles", r"rugos[oaie]|raggrinzit[oaie]": "wrinkled",
    r"indian[oaie]": "indian", r"agent[ei] di polizia": "police officer", r"barbut[oaie]": "bearded",
})
_DE.update({
    r"locken|löckchen": "curls", r"korkenzieherlocken": "ringlets", r"lockenkopf": "curly hair",
    r"(?:eine|die) jugendliche|teenager mädchen": "teenage girl", rf"jugendlich{_DE_ADJ}": "teen",
    r"in den (?:zwanzigern)": "in their twenties", r"in den dreissigern": "in their thirties",
    r"in den vierzigern|mitte vierzig|anfang vierzig": "in their forties",
    r"in den fünfzigern|mitte fünfzig|anfang fünfzig": "in their fifties", r"in den sechzigern": "in their sixties",
    rf"glatzköpfig{_DE_ADJ}|kahlköpfig{_DE_ADJ}|kahl{_DE_ADJ}": "bald", r"haarknoten": "bun", r"bobfrisur": "bob",
    r"dreitagebart|stoppelbart|bartstoppeln": "stubble", rf"unrasiert{_DE_ADJ}": "unshaven",
    r"baseballmütze|baseballkappe": "baseball cap", r"hidschab|hijab": "hijab", r"uniform": "uniform",
    r"laborkittel|arztkittel|kittel": "lab coat", rf"sommersprossen|sommersprossig{_DE_ADJ}": "freckles",
    r"falten|runzeln": "wrinkles", rf"faltig{_DE_ADJ}|runzlig{_DE_ADJ}": "wrinkled",
    # "eine Japanerin", "ein Chinese": a woman or man of that nation
    r"japanerin(?:nen)?": "japanese woman", r"japaner": "japanese man", r"chinesin(?:nen)?": "chinese woman",
    r"(?:ein|der) chinese": "chinese man", r"koreanerin(?:nen)?": "korean woman", r"koreaner": "korean man",
    r"afrikanerin(?:nen)?": "african woman", r"afrikaner": "african man", r"inderin(?:nen)?": "indian woman",
    r"inder": "indian man", r"europäerin(?:nen)?": "european woman", r"europäer": "european man",
    rf"betagt{_DE_ADJ}|hochbetagt{_DE_ADJ}|greis{_DE_ADJ}": "elderly", r"mittleren alters": "middle aged",
    rf"rothaarig{_DE_ADJ}": "red haired", rf"langhaarig{_DE_ADJ}": "long haired",
    rf"kurzhaarig{_DE_ADJ}": "short haired",
    rf"grauhaarig{_DE_ADJ}": "grey haired", rf"weisshaarig{_DE_ADJ}": "white haired",
    rf"schwarzhaarig{_DE_ADJ}": "black haired", rf"dunkelhaarig{_DE_ADJ}": "dark haired",
    rf"blondhaarig{_DE_ADJ}": "blonde haired",
    r"schnauzer|schnauzbart": "moustache", rf"bärtig{_DE_ADJ}": "bearded",
})
_NL.update({
    r"pijpenkrullen": "ringlets", r"tienermeisjes?": "teenage girl", r"tienerjongens?": "teenage boy",
    r"(?:van )?in de twintig": "in their twenties", r"(?:van )?in de dertig": "in their thirties",
    r"(?:van )?in de veertig": "in their forties", r"(?:van )?in de vijftig": "in their fifties",
    r"(?:van )?in de zestig": "in their sixties", r"(?:van )?in de zeventig": "in their seventies",
    r"knotje": "bun", r"vlechtjes": "braids", r"boblijn": "bob", r"stoppelbaard|stoppels": "stubble",
    r"ongeschoren": "unshaven", r"honkbalpet|baseballpet": "baseball cap", r"hidjab|hijab": "hijab",
    r"mantel": "coat", r"schort": "apron", r"rimpels": "wrinkles", rf"gerimpeld{_NL_ADJ}": "wrinkled",
    r"labjas": "lab coat", r"politieagente?|agent": "police officer", rf"bebaard{_NL_ADJ}": "bearded",
    r"uniform": "uniform",
})
# "een achtjarige jongen", "een dertigjarige man": an age in one word
_NL.update({rf"{w}jarige?": f"{en} year old" for w, en in {
    "twee": "two", "drie": "three", "vier": "four", "vijf": "five", "zes": "six", "zeven": "seven", "acht": "eight",
    "negen": "nine", "tien": "ten", "twintig": "twenty", "dertig": "thirty", "veertig": "forty", "vijftig": "fifty",
    "zestig": "sixty", "zeventig": "seventy", "tachtig": "eighty"}.items()})
_SV.update({
    r"lockar(?:na)?|krøller(?:ne)?|krullar|krøll": "curls", r"korkskruvslockar": "ringlets",
    r"tonårsflick(?:a|an|or)|tonårstjej(?:er)?|ten[åa]ringsjent(?:e|a)|teenagepige": "teenage girl",
    r"tonårspojk(?:e|ar)|tenåringsgutt": "teenage boy",
    r"ljus(?:t|a)? h[åa]r(?:et)?|lys(?:t|e)? h[åa]r(?:et)?": "blonde hair", r"på": "",
    r"page(?:frisyr)?": "bob", r"skäggstubb|skjeggstubb(?:er)?|skægstubbe": "stubble", r"orakad|ubarbert": "unshaven",
    r"baseballkeps": "baseball cap", r"sjalett": "headscarf", r"dress(?:en)?": "suit",
    r"fräknar|fregner|fräknig[at]?": "freckles", r"rynkor|rynker|rynkig[at]?|rynket": "wrinkles",
    rf"skäggig{_SV_ADJ}|skjeggete|skægget": "bearded", r"brandman|brannmann|brandmand": "firefighter",
    r"(?:i )?(?:tjugo|tjue)(?:årsåldern|årene|åra)": "in their twenties",
    r"(?:i )?(?:trettio|tretti)(?:årsåldern|årene|åra)": "in their thirties",
    r"(?:i )?(?:fyrtio|førti)(?:årsåldern|årene|åra)": "in their forties",
    r"(?:i )?(?:femtio|femti)(?:årsåldern|årene|åra)": "in their fifties",
    r"(?:i )?(?:sextio|seksti)(?:årsåldern|årene|åra)": "in their sixties",
})
_RU.update({
    r"кудр(?:и|ей|ями|ях|ям)|кудряшк\w*|завитк\w*": "curls", r"локон\w*": "ringlets",
    r"(?:девочк|девушк)\w* подрост\w*": "teenage girl", r"мальчик\w* подрост\w*": "teenage boy",
    r"конск\w* хвост\w*": "ponytail", r"лет (?:сорока|сорок)": "about forty years old",
    r"за (?:сорок)": "in their forties", r"за (?:тридцать)": "in their thirties",
    r"за (?:пятьдесят)": "in their fifties",
    r"средних лет": "middle aged", r"собранн\w*|стрижк\w*": "", r"с капюшоном": "", r"небрит\w*": "unshaven",
    r"бел\w* халат\w*": "white lab coat", r"вязан\w*": "knitted",
    r"китаец|китайц\w*": "chinese man", r"китаянк\w*": "chinese woman", r"японк\w*": "japanese woman",
    r"японец|японц\w*": "japanese man", r"кореянк\w*": "korean woman", r"кореец|корейц\w*": "korean man",
    r"африканец|африканц\w*": "african man", r"африканк\w*": "african woman", r"индианк\w*|индийк\w*": "indian woman",
    r"блондинк\w*": "blonde woman", r"брюнетк\w*": "brunette woman", r"рыжеволос\w*": "red haired",
    r"длинноволос\w*": "long haired", r"седовлас\w*": "grey haired", r"усат\w*": "moustached",
    r"медбрат\w*": "male nurse", r"пожарн\w*": "firefighter", r"шеф повар\w*": "chef",
})
_TR.update({
    r"genç bir kız": "teenage girl", r"yirmili yaşlar(?:ında|ındaki)": "in their twenties",
    r"otuzlu yaşlar(?:ında|ındaki)": "in their thirties", r"kırklı yaşlar(?:ında|ındaki)": "in their forties",
    r"ellili yaşlar(?:ında|ındaki)": "in their fifties", r"altmışlı yaşlar(?:ında|ındaki)": "in their sixties",
    rf"kahkül{_TR_N}|kâkül{_TR_N}": "bangs", rf"küt saç{_TR_N}|küt kesim": "bob", r"kesim": "",
    rf"kirli sakal{_TR_N}": "stubble", rf"hicab{_TR_N}": "hijab", rf"çil{_TR_N}|çilli": "freckles",
    rf"kırışık yüzlü|kırışık{_TR_N}|kırışıklık{_TR_N}|kırışıklıkları": "wrinkles",
    rf"itfaiyeci{_TR_N}": "firefighter", r"memuru": "", r"yapılmış|takan|giymiş": "",
})
_PL.update({
    r"po (?:dwudziestce)": "in their twenties", r"po trzydziestce": "in their thirties",
    r"po czterdziestce": "in their forties", r"po pięćdziesiątce": "in their fifties",
    r"po sześćdziesiątce": "in their sixties",
    r"upięt\w*|związan\w*": "", r"fryzur\w* na boba|bob(?:em|a)?": "bob", r"na głowie": "",
    r"kilkudniow\w* zarost\w*|zarost\w*": "stubble", r"nieogolon\w*": "unshaven",
    r"kitl\w*": "lab coat", r"fartuszk\w*": "apron", r"pieg\w*": "freckles",
    r"zmarszcz\w*": "wrinkles", r"pomarszczon\w*": "wrinkled", r"długowłos\w*": "long haired",
    r"wełnian\w*": "wool", r"szef\w* kuchni": "chef", r"strażak\w*": "firefighter", r"pielęgniarz\w*": "male nurse",
})
# "ośmioletni chłopiec", "czterdziestoletnia kobieta": an age in one word
_PL.update({rf"{w}letn\w*": f"{en} year old" for w, en in {
    "dwu": "two", "trzy": "three", "cztero": "four", "pięcio": "five", "sześcio": "six", "siedmio": "seven",
    "ośmio": "eight", "dziewięcio": "nine", "dziesięcio": "ten", "dwudziesto": "twenty", "trzydziesto": "thirty",
    "czterdziesto": "forty", "pięćdziesięcio": "fifty", "sześćdziesięcio": "sixty", "siedemdziesięcio": "seventy",
    "osiemdziesięcio": "eighty"}.items()})
_ID.update({
    r"(?:di|ber)sanggul": "bun", r"berkepang|bertocang": "braids", r"berponi": "bangs",
    r"(?:jenggot|janggut|brewok) tipis|brewokan(?: tipis)?|bakal janggut": "stubble",
    r"ikal spiral": "ringlets",
    r"berkemeja": "shirt", r"berdasi": "tie", r"bergaun": "dress", r"berjas": "suit", r"berseragam": "uniform",
    r"berjaket": "jacket", r"(?:ber)?jas (?:lab|laboratorium|dokter)": "lab coat",
    r"(?:ber)?bintik bintik(?: coklat)?|berbintik|bintik": "freckles", r"(?:ber)?keriput|kerutan": "wrinkles",
    r"(?:ber)?wajah": "face", r"pemadam kebakaran|petugas (?:pemadam kebakaran|damkar)|damkar": "firefighter",
    r"bertopi rajut": "beanie",
})
# numbers in words: "tiga puluh tahun" (30 years old), "empat puluhan" (in their forties)
_ID_UNITS = {"satu": "one", "dua": "two", "tiga": "three", "empat": "four", "lima": "five", "enam": "six",
             "tujuh": "seven", "delapan": "eight", "sembilan": "nine"}
_ID_TENS = {"dua": "twenty", "tiga": "thirty", "empat": "forty", "lima": "fifty", "enam": "sixty", "tujuh": "seventy",
            "delapan": "eighty", "sembilan": "ninety"}
_ID.update({w: en for w, en in _ID_UNITS.items() if w != "satu"} | {r"sepuluh": "ten"})
_ID.update({rf"{w} puluh": en for w, en in _ID_TENS.items()})
_ID.update({rf"{w} puluh {u}": f"{en} {uen}" for w, en in _ID_TENS.items() for u, uen in _ID_UNITS.items()})
_ID.update({rf"{w} puluhan": f"in their {en[:-1]}ies" for w, en in _ID_TENS.items()})
_VI.update({
    r"mái tóc": "hair", r"cô gái tuổi teen|cô gái tuổi mới lớn": "teenage girl",
    r"râu bạc(?! phơ)|râu hoa râm": "grey beard",
    r"râu(?: ria)? (?:lởm chởm|lún phún)": "stubble", r"trùm khăn|khăn trùm": "headscarf",
    r"quân phục": "military uniform", r"áo blouse trắng": "white lab coat", r"tàn nhang": "freckles",
    r"nếp nhăn|nhăn nheo": "wrinkles", r"lính cứu hỏa|lính cứu hoả": "firefighter", r"lọn|những|cắt|đầy": "",
    r"mặt": "face", r"bạc trắng": "white",
})
# "ba mươi tuổi" (30 years old), "tám tuổi" (8)
_VI_UNITS = {"hai": "two", "ba": "three", "bốn": "four", "năm": "five", "sáu": "six", "bảy": "seven", "tám": "eight",
             "chín": "nine"}
_VI.update({rf"{w} tuổi": f"{en} years old" for w, en in _VI_UNITS.items()} | {r"mười tuổi": "ten years old"})
_VI.update({rf"{w} mươi": {"two": "twenty", "three": "thirty", "four": "forty", "five": "fifty", "six": "sixty",
                           "seven": "seventy", "eight": "eighty", "nine": "ninety"}[en] for w, en in _VI_UNITS.items()})
_VI.update({rf"{w} mươi {u}": {"two": "twenty", "three": "thirty", "four": "forty", "five": "fifty", "six": "sixty",
                               "seven": "seventy", "eight": "eighty", "nine": "ninety"}[en] + f" {uen}"
            for w, en in _VI_UNITS.items() for u, uen in {**_VI_UNITS, "mốt": "one", "lăm": "five"}.items()})
_CJK.update({
    # Korean: the decades in Sino-Korean numbers ("사십대"; "십대" alone is the teens), ages, curls, trades
    "이십대": "in their 20s", "삼십대": "in their 30s", "사십대": "in their 40s", "오십대": "in their 50s",
    "육십대": "in their 60s", "칠십대": "in their 70s", "팔십대": "in their 80s", "청소년": "teenager",
    "노부인": "old woman", "노파": "old woman", "노신사": "old man", "똥머리": "bun", "까칠한 수염": "stubble",
    "수염 자국": "stubble", "턱수염": "beard", "두건": "headscarf", "제복": "uniform", "흰 가운": "white lab coat",
    "하얀 가운": "white lab coat", "실험복": "lab coat", "주근깨": "freckles", "주름진": "wrinkled", "주름": "wrinkles",
    "아프리카인": "african", "아프리카계": "african", "아프리카": "african", "인도네시아": "indonesian", "인도": "indian",
    "셰프": "chef", "교사": "teacher", "많은": "",
    # Japanese
    "年老いた": "old", "くせ毛": "curly hair", "巻き髪": "curly hair", "縦ロール": "ringlets", "カール": "curls",
    "はげた": "bald", "禿げた": "bald", "スキンヘッド": "shaved head", "ヘア": "hair", "ボブカット": "bob",
    "ショート": "short", "無精ひげ": "stubble", "無精髭": "stubble", "頭巾": "headscarf", "頭に巻いた": "on the head",
    "軍服": "military uniform", "白衣": "white lab coat", "医者": "doctor", "医師": "doctor", "そばかす": "freckles",
    "しわだらけ": "wrinkled", "しわ": "wrinkles", "シワ": "wrinkles", "皺": "wrinkles", "真面目な": "serious",
    "真面目": "serious", "アフリカ人": "african", "アフリカ": "african", "教師": "teacher", "悲しそうな": "sad",
    "ティーンエイジャー": "teenager", "若者": "young person", "高齢": "elderly", "あごひげ": "beard",
    # Chinese
    "金色长发": "long blonde hair", "金色短发": "short blonde hair", "金色头发": "blonde hair", "金色的头发": "blonde hair",
    "长长": "long", "十几岁": "teen", "老头儿": "old man", "老头": "old man", "老妇人": "old woman", "老妇": "old woman",
    "灰胡子": "grey beard", "灰白": "grey", "胡须": "beard", "宝宝": "baby", "螺旋卷发": "ringlets", "卷毛": "curly hair",
    "八字胡": "moustache", "波波头": "bob", "胡茬": "stubble", "波浪发": "wavy hair", "波浪": "wavy",
    "希贾布": "hijab", "穆斯林头巾": "hijab", "连帽衫": "hoodie", "大衣": "coat", "军装": "military uniform",
    "白大褂": "white lab coat", "医生": "doctor", "雀斑": "freckles", "皱纹": "wrinkles", "非洲人": "african",
    "非洲": "african", "欧洲人": "european", "教师": "teacher", "难过的": "sad", "难过": "sad", "针织帽": "beanie",
    "红发": "red hair", "青少年": "teenager",
})
# Chinese ages in numerals: "三十岁" (30 years old), "四十多岁" (in their forties)
_ZH_DIGITS = "一二三四五六七八九"
_ZH_NUMBERS = {**{d: i + 1 for i, d in enumerate(_ZH_DIGITS)}, "十": 10,
               **{f"十{d}": 11 + i for i, d in enumerate(_ZH_DIGITS)},
               **{f"{t}十": 10 * (j + 2) for j, t in enumerate(_ZH_DIGITS[1:])},
               **{f"{t}十{d}": 10 * (j + 2) + i + 1
                  for j, t in enumerate(_ZH_DIGITS[1:]) for i, d in enumerate(_ZH_DIGITS)}}
# a side ponytail, a flat cap and a kind face, as each language says them
_CJK.update({"사이드 포니테일": "side ponytail", "옆으로 묶은 포니테일": "side ponytail", "헌팅캡": "flat cap",
             "친절한": "kind", "다정한": "kind", "상냥한": "kind", "サイドポニーテール": "side ponytail",
             "サイドポニー": "side ponytail", "ハンチング帽": "flat cap", "ハンチング": "flat cap", "優しそうな": "kind",
             "優しい": "kind", "侧马尾": "side ponytail", "偏马尾": "side ponytail", "报童帽": "flat cap",
             "慈祥的": "kind", "慈祥": "kind", "和蔼的": "kind", "和蔼": "kind"})
_ES.update({r"coleta (?:de lado|lateral|a un lado)": "side ponytail", r"gorra plana|boina plana|gorra inglesa": "flat cap",
            r"amables?": "kind"})
_FR.update({r"queue de cheval (?:sur le côté|sur le cote|de côté|de cote|latérale|laterale)": "side ponytail",
            r"casquette plate|casquette gavroche": "flat cap", r"gentille?s?": "kind"})
_DE.update({r"seitlich(?:er|en)? pferdeschwanz|seitenzopf": "side ponytail", r"schiebermütze|flatcap": "flat cap",
            rf"freundlich{_DE_ADJ}|nett{_DE_ADJ}": "kind"})
# singers, brides and grooms, office workers, business people, reporters and weather presenters;
# a middle-aged man or woman as a child would address them (Japanese ojisan, Korean ajeossi)
_CJK.update({"가수": "singer", "歌手": "singer", "아이돌": "idol", "アイドル": "idol", "偶像": "idol",
             "신부": "bride", "花嫁": "bride", "新婦": "bride", "新娘": "bride",
             "신랑": "groom", "花婿": "groom", "新郎": "groom",
             "회사원": "office worker", "직장인": "office worker", "会社員": "office worker", "サラリーマン": "salaryman",
             "上班族": "office worker", "白领": "office worker", "公司职员": "office worker",
             "사업가": "business person", "ビジネスマン": "businessman", "实业家": "entrepreneur", "企业家": "entrepreneur",
             "기자": "reporter", "記者": "reporter", "记者": "reporter", "ニュースキャスター": "news anchor",
             "キャスター": "news anchor", "기상캐스터": "weather presenter", "お天気キャスター": "weather presenter",
             "天气预报员": "weather presenter", "军人": "soldier", "의사 선생님": "doctor",
             "아저씨": "middle aged man", "아줌마": "middle aged woman", "おじさん": "middle aged man",
             "おばさん": "middle aged woman", "大叔": "middle aged man", "阿姨": "middle aged woman",
             "大波浪": "wavy", "齐刘海": "blunt bangs"})
# dyed hair, piercings, a punk; a full beard, a schoolgirl (Chinese 女生); colours said as Japanese adverbs
# before 染めた (dyed): 青く染めた髪 is hair dyed blue
_CJK.update({"염색한": "dyed", "염색": "dyed", "染めた": "dyed", "染了": "dyed", "染成": "dyed", "피어싱": "piercings",
             "펑크": "punk", "パンク": "punk", "朋克": "punk", "鼻环": "nose ring", "络腮胡": "full beard",
             "高中女生": "high school girl", "高中男生": "high school boy", "女生": "female student", "男生": "male student",
             "茶色い": "brown", "青く": "blue", "赤く": "red", "黒く": "black", "白く": "white", "茶色く": "brown",
             "金色に": "blonde", "新闻主播": "news anchor", "新闻主持人": "news anchor"})
_ES.update({r"cantantes?": "singer", r"novia": "bride", r"novio": "groom", r"oficinistas?": "office worker",
            r"hombres? de negocios": "businessman", r"mujer(?:es)? de negocios": "businesswoman",
            r"empresari[oa]s?": "entrepreneur", r"presentador del tiempo|meteorólogo": "weather presenter",
            r"presentadora del tiempo|meteoróloga": "weatherwoman"})
_FR.update({r"chanteur": "singer", r"chanteuse": "female singer", r"mariée": "bride", r"(?:le|un) marié(?!e)": "groom",
            r"employée? de bureau": "office worker", r"hommes? d'affaires": "businessman",
            r"femmes? d'affaires": "businesswoman", r"présentateur météo|météorologue": "weather presenter",
            r"présentatrice météo": "weatherwoman"})
_DE.update({r"sänger": "singer", r"sängerin": "female singer", r"braut": "bride", r"bräutigam": "groom",
            r"büroangestellter?n?": "office worker", r"eine büroangestellte": "female office worker", r"geschäftsmann": "businessman",
            r"geschäftsfrau": "businesswoman", r"wetterfee|wettermoderatorin": "weather girl",
            r"wettermoderator": "weather presenter"})
_PT.update({r"cantor": "singer", r"cantora": "female singer", r"noiva": "bride", r"noivo": "groom",
            r"homem de negócios": "businessman", r"mulher de negócios": "businesswoman"})
_IT.update({r"cantante": "singer", r"sposa": "bride", r"sposa con (?:il|un) velo": "bride with a veil", r"sposo": "groom", r"impiegat[oa]": "office worker",
            r"uomo d'affari": "businessman", r"donna d'affari": "businesswoman"})
for _lang, _noun in (("es", "cantante"), ("it", "cantante")):
    {"es": _ES, "it": _IT}[_lang].update({rf"(?:una|la)\s+{_noun}": "female singer"})
# a Black man or woman said with the colour after the noun ("un homme noir avec des lunettes" was a man
# in black glasses); a brunette; a gentleman; a nose piercing; hair dyed a colour; hoop earrings; pigtails
_ES.update({r"hombres? negros?": "black man", r"mujer(?:es)? negras?": "black woman", r"chicos? negros?": "black boy",
            r"chicas? negras?": "black girl", r"morenas?": "brunette", r"morenos?": "dark haired",
            r"señor(?:es)?|caballeros?": "man", r"señoras?": "woman", r"niña pequeña": "little girl",
            r"niño pequeño": "little boy", r"(?:un )?piercing en la nariz": "nose piercing", r"teñid[oa]s?(?: de)?": "",
            r"pendientes de aro|aretes de aro|aros": "hoop earrings", r"presentador de noticias": "news anchor",
            r"presentadora de noticias": "female news anchor"})
_FR.update({r"hommes? noirs?": "black man", r"femmes? noires?": "black woman", r"garçons? noirs?": "black boy",
            r"filles? noires?": "black girl", r"femmes? brunes?": "brunette woman", r"filles? brunes?": "brunette girl", r"monsieur|messieurs": "man",
            r"(?:un )?piercing au nez": "nose piercing", r"teint(?:e|s|es)? en": "", r"créoles": "hoop earrings",
            r"couettes": "pigtails", r"(?:au )?teint (?:pâle|clair)": "pale skin", r"(?:au )?teint mat": "olive skin",
            r"(?:au )?teint (?:foncé|sombre)": "dark skin", r"(?:au )?teint hâlé|(?:au )?teint bronzé": "tanned skin"})
_DE.update({r"herr(?:n)?": "man", r"nasenpiercing": "nose piercing", rf"gefärbt{_DE_ADJ}|gefärbt": "dyed",
            r"creolen": "hoop earrings"})
_PT.update({r"homens? negros?": "black man", r"mulher(?:es)? negras?": "black woman", r"piercing no nariz": "nose piercing",
            r"tingid[oa]s?(?: de)?": "", r"argolas": "hoop earrings"})
_IT.update({r"uomo di colore": "black man", r"donna di colore": "black woman", r"piercing al naso": "nose piercing",
            r"orecchini a cerchio": "hoop earrings"})
_RU.update({r"пирсинг\w* в нос\w*|пирсинг\w* носа": "nose piercing", r"пирсинг\w*": "piercings"})
_TR.update({r"siyahi|siyahî": "black person"})
_CJK.update({f"{zh}岁": f"{n} years old" for zh, n in _ZH_NUMBERS.items()})
_CJK.update({f"{zh}多岁": f"in their {n}s" for zh, n in _ZH_NUMBERS.items() if n % 10 == 0 and n >= 20})
_CJK_FILLER += ("かかった", "留", "打",   # "ウェーブのかかった" (waved), "留胡子" (grows a beard), "打领带" (wears a tie)
                "을 가진", "를 가진", "가진", "を巻いた", "巻いた", "围着",   # having; wrapped round the neck
                "기른", "두른", "맨", "ある", "のある", "にまとめた", "まとめた", "に", "扎着", "梳着", "盘着", "系着", "打着",
                "扎", "满脸", "一头")
_CJK_FILLER_LONGEST_FIRST = sorted(_CJK_FILLER, key=len, reverse=True)
_MARKERS["it"] |= {"cavallo", "polizia", "vecchio", "vecchia", "nonno", "nonna", "bambino", "bambina", "signora",
                   "anziano", "anziana",
                   "occhiali", "baffi", "soldato", "medico", "dottore", "cuoco", "poliziotto", "capelli", "giovane",
                   "grigia", "bianca", "coi", "dalla", "sulla"}
_MARKERS["de"] |= {"alte", "alten", "junger", "arzt", "brille", "soldat"}
# Dutch words no other glossary's prompt uses
_MARKERS["nl"] |= {"jarige", "leeftijd", "middelbare", "serieuze", "afrikaanse", "roodharige", "bebaarde", "soldaat",
                   "grijze", "witte", "blauwe", "groene", "bruine", "kale", "snor", "hoed", "jurk", "trui",
                   "krullen", "dokter", "muts", "tiener"}
# "en" (a) as Dutch's "en" (and) is: a prompt's other words decide ("en kinesisk man" is Swedish)
_MARKERS["sv"] |= {"en", "årig", "åriga", "årige", "bebis", "grön", "gröna", "grønn", "tröja", "genser", "kinesisk",
                   "afrikansk", "medelålders", "middelaldrende", "skäggig", "skjeggete", "rödhårig", "lege", "kock",
                   "kokk", "polis", "lärare", "lærer", "sjuksköterska", "sykepleier", "brandman", "brannmann",
                   "tonåring",
                   "tenåring", "lockar", "fräknar", "fregner", "rynkor", "rynker"}
_MARKERS["pl"] |= {"niemowlę", "bobas", "kucharz", "policjant", "strażak", "pielęgniarz", "staruszka", "staruszek",
                   "blondynka", "japonka", "chińczyk", "afrykanin", "hinduska", "dziewczynka", "szef", "nieogolony",
                   "lekarz"}
_MARKERS["id"] |= {"koki", "juru", "masak", "dokter", "perawat", "guru", "tentara", "pemadam", "damkar", "petugas"}
_MARKERS["vi"] |= {"công"}

_GLOSSARIES = {lang: {k.replace("ß", "ss"): v for k, v in g.items()} for lang, g in _GLOSSARIES.items()}
_PATTERNS = {lang: (_compile(g), [(re.compile(rf"^(?:{k})$"), v) for k, v in g.items()])
             for lang, g in _GLOSSARIES.items()}
_CJK_RX = re.compile("|".join(re.escape(k) for k in sorted(_CJK, key=len, reverse=True)))
_CJK_CHAR = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


_ENGLISH = {"a", "an", "the", "with", "and", "in", "of", "on", "at", "wearing", "man", "woman", "hair"}


def _latin_language(text: str) -> str | None:
    """The glossary's language whose marker words the prompt uses most: two of them, or one in
    a prompt without a word of English ("mujer joven")."""
    words = re.findall(r"[^\W\d_]+", text)
    counts = {lang: sum(w in marks for w in words) for lang, marks in _MARKERS.items()}
    # a tie ("la femme": Spanish "la", French "femme") goes to the glossary that knows more words
    # (then the one whose words cover more of the prompt: "un capitaine de navire" is French, though Spanish
    # knows "un" and "de" as well)
    lang = max(counts, key=lambda k: (counts[k], len(_PATTERNS[k][0].findall(text)),
                                      sum(len(m.group(0)) for m in _PATTERNS[k][0].finditer(text))))
    english = any(w in _ENGLISH for w in words)
    return lang if counts[lang] >= 2 or (counts[lang] == 1 and not english) else None


def _gloss(match: re.Match, entries) -> str:
    word = match.group(0)
    for rx, english in entries:
        if rx.match(word):
            return f" {english} " if english else " "
    return word


def _without_filler(token: str) -> str:
    """A token with the particles and verbs left around glossed words taken out (the known
    words are English by now, so what remains in CJK is unknown or filler)."""
    if not _CJK_CHAR.search(token):
        return token
    for filler in _CJK_FILLER_LONGEST_FIRST:
        token = token.replace(filler, "")
    return token


def to_english(text: str) -> str:
    """A normalised prompt (`prompt.normalise_prompt`) -> the same prompt with the glossary's
    words in English; an English prompt comes back unchanged."""
    if _CJK_CHAR.search(text):
        text = re.sub(r"[、，。；：]", ", ", text)
        text = _CJK_DECADE.sub(lambda m: " teen " if m.group(1) == "1" else f" in their {m.group(1)}0s ", text)
        text = _CJK_AGE.sub(lambda m: f" {m.group(1)} years old ", text)
        text = _CJK_RX.sub(lambda m: f" {_CJK[m.group(0)]} ", text)
        text = " ".join(filter(None, (_without_filler(t) for t in text.split())))
        # "黑色长发" is black long hair: English says the length first (and the lexicon reads it so)
        return _CJK_COLOUR_LENGTH.sub(r"\2 \1 hair", text)
    if ARABIC_SCRIPT.search(text):   # its describing words follow their noun, as in Spanish
        return _REORDER.sub(_described, arabic_to_english(text))
    if DEVANAGARI.search(text):
        return hindi_to_english(text)
    text = text.replace("\u0307", "")   # Turkish İ casefolds to i with a dot above
    lang = "ru" if _CYRILLIC.search(text) else _latin_language(text)
    if lang == "ru":
        text = _RU_AGE.sub(lambda m: f" {m.group(1)} years old ", text)
    if lang == "nl":
        text = _NL_AGE.sub(lambda m: f" {m.group(1)} years old ", text)
    if lang is None:
        return text
    rx, entries = _PATTERNS[lang]
    if lang == "de":  # "junge" is "young" before a person and "boy" (der Junge) elsewhere
        text = re.sub(r"(?<!\w)junge(?=\s+(?:frau|dame|person|mutter|lehrerin|studentin)\b)", "young", text)
    text = re.sub(r"\s+", " ", rx.sub(lambda m: _gloss(m, entries), text)).strip()
    if lang in _NOUN_FIRST:
        text = _REORDER.sub(_described, text)
    return text
