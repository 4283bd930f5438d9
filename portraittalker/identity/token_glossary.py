"""Arabic and Hindi prompts in English, word by word.

Their words cannot be glossed by `translate.py`'s regular expressions: Devanagari's vowel signs
are not word characters to `re` (so `\\w` and word boundaries split "लंबे" apart), and Arabic
writes "with", "and" and "the" onto the next word ("بشعر" is "with hair", "والنظارات" "and
the glasses"). So a prompt is split at spaces and each word looked up whole: in Arabic after
the letters that vary in spelling are made one (hamza seats, final yā and tā marbūṭa) and, if
it is not known as written, without those clitics in front and then without a feminine or
plural ending. A few two-word phrases are looked up first ("ربطة عنق" is a tie, "छोटे बाल"
short hair, where "छोटी" alone is little).

The output is English in the prompt's own order: Hindi puts describing words before their noun
as English does; Arabic puts them after, which `translate.py` turns round as it does for
Spanish. Unknown words are kept as they are, so the prompt's ignored words still name them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
DEVANAGARI = re.compile(r"[\u0900-\u097f]")

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_MARKS = re.compile(r"[\u064b-\u0652\u0670\u0640]")   # short vowels, shadda, sukun, tatweel


def _arabic_form(word: str) -> str:
    """One spelling of an Arabic word: no short-vowel marks, bare alef, final yā and hā."""
    word = _ARABIC_MARKS.sub("", word)
    return word.translate(str.maketrans("أإآٱىة", "اااايه"))


_AR_WORDS = {
    # people and ages
    "رجل": "man", "رجال": "men", "امراه": "woman", "مراه": "woman", "سيده": "woman", "نساء": "women",
    "ولد": "boy", "صبي": "boy", "بنت": "girl", "فتاه": "girl", "طفل": "child", "طفله": "girl", "رضيع": "baby",
    "شاب": "young man", "شابه": "young woman", "عجوز": "old", "مسن": "elderly", "كهل": "middle aged",
    "جد": "grandfather", "جده": "grandmother", "صغير": "little", "كبير": "old", "سنه": "years old",
    "سنوات": "years old", "عاما": "years old", "عام": "years old",
    # hair and face
    "شعر": "hair", "طويل": "long", "قصير": "short", "مجعد": "curly", "مموج": "wavy", "ناعم": "straight",
    "مسترسل": "straight", "اصلع": "bald", "صلعاء": "bald", "لحيه": "beard", "ذقن": "beard", "شارب": "moustache",
    "شوارب": "moustache", "عيون": "eyes", "عينان": "eyes", "عينين": "eyes", "بشره": "skin", "نمش": "freckles",
    "تجاعيد": "wrinkles", "ندبه": "scar", "وشم": "tattoo", "مكياج": "makeup", "نظاره": "glasses", "نظارات": "glasses",
    "ضفائر": "braids", "ضفيره": "braid", "كعكه": "bun", "غره": "bangs", "قصه": "bangs",
    # colours (the feminine forms of colours are their own words)
    "اسود": "black", "سوداء": "black", "ابيض": "white", "بيضاء": "white", "احمر": "red", "حمراء": "red",
    "ازرق": "blue", "زرقاء": "blue", "اخضر": "green", "خضراء": "green", "اصفر": "yellow", "صفراء": "yellow",
    "اشقر": "blonde", "شقراء": "blonde", "بني": "brown", "رمادي": "grey", "اشيب": "grey", "شيباء": "grey",
    "وردي": "pink", "بنفسجي": "purple", "برتقالي": "orange", "ذهبي": "gold", "فضي": "silver", "كحلي": "navy",
    "اسمر": "dark", "سمراء": "dark", "داكن": "dark", "فاتح": "fair",
    # clothes and what is worn
    "حجاب": "hijab", "نقاب": "hijab", "عمامه": "turban", "قبعه": "hat", "طاقيه": "cap", "كوفيه": "keffiyeh",
    "شماغ": "keffiyeh", "غتره": "keffiyeh", "عقال": "agal", "ثوب": "thobe", "دشداشه": "thobe", "عباءه": "abaya",
    "بدله": "suit", "قميص": "shirt", "فستان": "dress", "سترة": "jacket", "ستره": "jacket", "جاكيت": "jacket",
    "معطف": "coat", "كنزه": "sweater", "بلوزه": "blouse", "اقراط": "earrings", "حلق": "earrings", "قلاده": "necklace",
    "عقد": "necklace", "وشاح": "scarf", "سماعات": "headphones", "تاج": "crown",
    # moods, ancestry, trades
    "مبتسم": "smiling", "يبتسم": "smiling", "تبتسم": "smiling", "سعيد": "happy", "حزين": "sad", "جاد": "serious",
    "غاضب": "angry", "عربي": "arab", "افريقي": "african", "اسيوي": "asian", "اوروبي": "european", "هندي": "indian",
    "صيني": "chinese", "ياباني": "japanese", "كوري": "korean", "طبيب": "doctor", "ممرض": "nurse", "طباخ": "chef",
    "شيف": "chef", "معلم": "teacher", "مدرس": "teacher", "طالب": "student", "جندي": "soldier", "شرطي": "police officer",
    "مذيع": "news anchor", "راهبه": "nun", "عروس": "bride", "قرصان": "pirate", "ساحر": "wizard", "شيخ": "sheikh",
    # the little words
    "مع": "with", "ذو": "with", "ذات": "with", "لديه": "with", "لديها": "with", "يرتدي": "wearing",
    "ترتدي": "wearing", "يلبس": "wearing", "تلبس": "wearing", "في": "in", "و": "and", "عمره": "", "عمرها": "",
    "من": "", "ال": "", "على": "", "له": "", "لها": "",
}
_AR_PHRASES = {
    "ربطه عنق": "tie", "نظارات شمسيه": "sunglasses", "نظاره شمسيه": "sunglasses", "احمر شفاه": "lipstick",
    "متوسط العمر": "middle aged", "كبير السن": "elderly", "كبيره السن": "elderly", "تي شيرت": "t shirt",
    "منتصف العمر": "middle aged", "مذيع اخبار": "news anchor", "مذيعه اخبار": "news anchor",
    # a Black man or woman (the colour after its noun, as in Spanish: "man black" read as nothing)
    "رجل اسود": "black man", "امراه سوداء": "black woman", "فتاه سوداء": "black girl", "ولد اسود": "black boy",
}
# what an audit of everyday prompts found unread: teens, ages in words, curls, stubble, the hijab said as an
# adjective, a hoodie, a uniform, a lab coat, firefighters
_AR_WORDS.update({_arabic_form(k): v for k, v in {
    "مراهق": "teenager", "مراهقه": "teenage girl", "خصلات": "hair", "مربوط": "", "حليق": "clean shaven",
    "بوب": "bob", "محجبه": "in a hijab", "هودي": "hoodie", "زي": "uniform", "مريله": "apron", "شرطه": "police",
    "اطفائي": "firefighter", "ملتح": "bearded", "تضع": "wearing", "يضع": "wearing", "راسها": "on the head",
    "راسه": "on the head", "عمرها": "", "العشرينات": "in their twenties", "الثلاثينات": "in their thirties",
    "الاربعينات": "in their forties", "الخمسينات": "in their fifties", "الستينات": "in their sixties",
    "السبعينات": "in their seventies", "العشرين": "20 years old", "الثلاثين": "30 years old",
    "الاربعين": "40 years old",
    "الخمسين": "50 years old", "الستين": "60 years old", "السبعين": "70 years old", "الخامسه": "5 years old",
    "السادسه": "6 years old", "السابعه": "7 years old", "الثامنه": "8 years old", "التاسعه": "9 years old",
    "العاشره": "10 years old", "نمش": "freckles",
}.items()})
_AR_PHRASES.update({_arabic_form(k): v for k, v in {
    "ذيل حصان": "ponytail", "فتاه مراهقه": "teenage girl", "زيا رسميا": "uniform", "طفل رضيع": "baby",
    "طفله رضيعه": "baby", "خصلات مجعده": "curls", "قصه بوب": "bob",
    "لحيه خفيفه": "stubble", "غير حليق": "unshaven", "قبعه بيسبول": "baseball cap", "قبعه صوفيه": "beanie",
    "منديل راس": "headscarf", "علي شكل": "", "الزي العسكري": "military uniform", "زي عسكري": "military uniform",
    "معطف المختبر": "lab coat", "ضابط شرطه": "police officer", "رجل اطفاء": "firefighter", "رجل شرطه": "police officer",
}.items()})
_AR_PREFIXES = ("وبال", "وال", "بال", "لل", "ال", "وب", "ول", "و", "ب", "ل")
_AR_LEADS = (("وب", "and with"), ("و", "and"), ("ب", "with"))   # the clitics said in English too
_AR_SUFFIXES = ("ات", "ين", "ون", "ه", "ا")   # plurals, the feminine, the accusative's alef ("حجابا")


def _arabic_word(word: str) -> str | None:
    """English for one Arabic word as written, or without its clitics and ending; None if unknown.
    A "with" or "and" written onto the word is said too ("بشعر" is "with hair", "وعيون" "and eyes")."""
    splits = [("", word)] + [(p, word[len(p):]) for p in _AR_PREFIXES if word.startswith(p) and len(word) - len(p) >= 2]
    for prefix, stem in splits:
        for form in [stem] + [stem[:-len(s)] for s in _AR_SUFFIXES if stem.endswith(s) and len(stem) - len(s) >= 3]:
            english = _AR_WORDS.get(form)
            if english is not None:
                lead = next((said for clitic, said in _AR_LEADS if prefix.startswith(clitic)), "") if prefix else ""
                return f"{lead} {english}".strip() if english else ""
    return None


def _hindi_form(word: str) -> str:
    """One spelling of a Hindi word: NFKC (nukta letters decomposed), candrabindu as anusvara."""
    return unicodedata.normalize("NFKC", word).replace("\u0901", "\u0902")


_HI_WORDS = {
    # people and ages
    "आदमी": "man", "पुरुष": "man", "मर्द": "man", "औरत": "woman", "महिला": "woman", "स्त्री": "woman",
    "लड़का": "boy", "लड़के": "boy", "लड़की": "girl", "लड़कियां": "girls", "बच्चा": "child", "बच्चे": "child",
    "बच्ची": "girl", "शिशु": "baby", "बूढ़ा": "old", "बूढ़े": "old", "बूढ़ी": "old", "बुजुर्ग": "elderly",
    "बुज़ुर्ग": "elderly", "जवान": "young", "युवा": "young", "युवक": "young man", "युवती": "young woman",
    "दादी": "grandmother", "नानी": "grandmother", "दादा": "grandfather", "नाना": "grandfather", "छोटा": "little",
    "छोटी": "little", "छोटे": "little", "साल": "years old", "वर्ष": "years old", "वर्षीय": "year old",
    # hair and face
    "बाल": "hair", "बालों": "hair", "बालो": "hair", "लंबे": "long", "लंबा": "long", "लंबी": "long", "लम्बे": "long",
    "लम्बा": "long", "लम्बी": "long", "घुंघराले": "curly", "लहराते": "wavy", "सीधे": "straight", "गंजा": "bald",
    "गंजे": "bald", "गंजी": "bald", "दाढ़ी": "beard", "मूंछ": "moustache", "मूंछें": "moustache", "मूंछों": "moustache",
    "चश्मा": "glasses", "चश्मे": "glasses", "आंखें": "eyes", "आंखों": "eyes", "आंख": "eyes", "त्वचा": "skin",
    "झाइयां": "freckles", "झुर्रियां": "wrinkles", "झुर्रियों": "wrinkles", "निशान": "scar", "टैटू": "tattoo",
    "मेकअप": "makeup", "लिपस्टिक": "lipstick", "चोटी": "braid", "चोटियां": "braids", "जूड़ा": "bun",
    "गोरी": "fair", "गोरा": "fair", "गोरे": "fair", "सांवली": "dusky", "सांवला": "dusky", "सांवले": "dusky",
    "गेहुंआ": "wheatish", "गेहुंए": "wheatish",
    # colours
    "काले": "black", "काला": "black", "काली": "black", "सफेद": "white", "सफ़ेद": "white", "भूरे": "brown",
    "भूरा": "brown", "भूरी": "brown", "सुनहरे": "blonde", "सुनहरा": "blonde", "सुनहरी": "blonde", "लाल": "red",
    "नीले": "blue", "नीला": "blue", "नीली": "blue", "हरे": "green", "हरा": "green", "हरी": "green", "पीले": "yellow",
    "पीला": "yellow", "पीली": "yellow", "गुलाबी": "pink", "बैंगनी": "purple", "नारंगी": "orange", "स्लेटी": "grey",
    "सलेटी": "grey", "पके": "grey", "सुनहला": "gold", "चांदी": "silver",
    # clothes and what is worn
    "पगड़ी": "turban", "साफा": "turban", "टोपी": "cap", "हिजाब": "hijab", "दुपट्टा": "dupatta", "साड़ी": "sari",
    "कुर्ता": "kurta", "कुर्ते": "kurta", "बिंदी": "bindi", "सूट": "suit", "कमीज": "shirt", "कमीज़": "shirt",
    "शर्ट": "shirt", "टी शर्ट": "t shirt", "जैकेट": "jacket", "कोट": "coat", "स्वेटर": "sweater", "पोशाक": "dress",
    "ड्रेस": "dress", "टाई": "tie", "झुमके": "earrings", "बालियां": "earrings", "हार": "necklace", "मफलर": "scarf",
    "मुकुट": "crown", "हेडफोन": "headphones",
    # moods, ancestry, trades
    "मुस्कुराती": "smiling", "मुस्कुराता": "smiling", "मुस्कुराते": "smiling", "मुस्कुराहट": "smiling", "खुश": "happy",
    "उदास": "sad", "गंभीर": "serious", "गुस्से": "angry", "नाराज": "angry", "भारतीय": "indian", "पंजाबी": "punjabi",
    "डॉक्टर": "doctor", "नर्स": "nurse", "शिक्षक": "teacher", "शिक्षिका": "teacher", "अध्यापक": "teacher",
    "छात्र": "student", "छात्रा": "student", "सैनिक": "soldier", "पुलिस": "police officer", "दुल्हन": "bride",
    "रसोइया": "chef", "शेफ": "chef", "साधु": "monk", "पंडित": "priest", "सिख": "sikh", "मुस्लिम": "muslim",
    # the little words
    "वाला": "with", "वाली": "with", "वाले": "with", "और": "and", "में": "in", "पहने": "wearing", "पहनी": "wearing",
    "पहना": "wearing", "पहनकर": "wearing", "एक": "a", "का": "", "की": "", "के": "", "है": "", "हैं": "",
    "साथ": "with", "को": "", "ने": "", "से": "",
}
_HI_PHRASES = {
    "छोटे बाल": "short hair", "छोटे बालों": "short hair", "धूप का चश्मा": "sunglasses", "धूप के चश्मे": "sunglasses",
    "सफेद बाल": "white hair", "पके बाल": "grey hair", "के साथ": "with", "मध्यम आयु": "middle aged",
    "अधेड़ उम्र": "middle aged", "समाचार वाचक": "news anchor", "टी शर्ट": "t shirt", "सलवार कमीज": "salwar kameez",
    "सलवार कमीज़": "salwar kameez",
}
# what an audit of everyday prompts found unread: teens, numbers, curls, buns, braids, stubble, hats and caps,
# nations, trades
_HI_WORDS.update({
    "पोनीटेल": "ponytail", "किशोरी": "teenage girl", "किशोर": "teenager", "लटें": "curls", "लटों": "curls",
    "लट": "curls", "घुंघराली": "curly", "घुंघराला": "curly", "जूड़े": "bun", "चोटियों": "braids", "बैंग्स": "bangs",
    "बॉब": "bob", "कट": "", "बनाए": "", "हुए": "", "हुई": "", "हुआ": "", "उम्र": "years old", "धूप": "sun",
    "हैट": "hat", "कैप": "cap", "बेसबॉल": "baseball", "हुडी": "hoodie", "वर्दी": "uniform", "लैब": "lab",
    "एप्रन": "apron", "झाइयों": "freckles", "जापानी": "japanese", "चीनी": "chinese", "अफ्रीकी": "african",
    "कोरियाई": "korean", "यूरोपीय": "european", "पुलिसवाला": "police officer", "अग्निशामक": "firefighter",
    "फायरमैन": "firefighter", "ऊनी": "wool", "स्कार्फ": "scarf",
    "दो": "two", "तीन": "three", "चार": "four", "पांच": "five", "छह": "six", "सात": "seven", "आठ": "eight",
    "नौ": "nine", "दस": "ten", "बीस": "twenty", "तीस": "thirty", "चालीस": "forty", "पचास": "fifty", "साठ": "sixty",
    "सत्तर": "seventy", "अस्सी": "eighty",
})
_HI_PHRASES.update({
    "पकी दाढ़ी": "grey beard", "सफेद दाढ़ी": "white beard", "हल्की दाढ़ी": "stubble", "दो चोटी": "braids",
    "किशोर लड़की": "teenage girl", "किशोर लड़का": "teenage boy", "पुलिस अधिकारी": "police officer",
    "ऊनी टोपी": "beanie",
    "लैब कोट": "lab coat", "छोटे काले": "short black", "छोटे सफेद": "short white", "छोटे भूरे": "short brown",
    "छोटे सुनहरे": "short blonde", "घुंघराली लटों": "curls", "घुंघराली लटें": "curls", "छोटे लाल": "short red",
    "छोटे घुंघराले": "short curly",
})
_HI_WORDS = {_hindi_form(k): v for k, v in _HI_WORDS.items()}
_HI_PHRASES = {_hindi_form(k): v for k, v in _HI_PHRASES.items()}
_AR_WORDS = {_arabic_form(k): v for k, v in _AR_WORDS.items()}
_AR_PHRASES = {_arabic_form(k): v for k, v in _AR_PHRASES.items()}
_AGE_AFTER_PERSON = re.compile(r"\b(man|woman|girl|boy|child|baby)\s+(little|young|old|elderly)\b")
_PUNCTUATION = re.compile(r"[،؛,.;:!?()\[\]\"'।]+")


def _gloss_words(words: list[str], phrases: dict[str, str], word: Callable[[str], str | None],
                 leads: tuple[tuple[str, str], ...] = ()) -> str:
    """The words glossed one by one (two-word phrases first, also after one of `leads`' clitics:
    (clitic, English)); unknown words as they are."""
    out, i = [], 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        said = next(((english, pair[len(c):]) for c, english in (("", ""), *leads)
                     if pair.startswith(c) and pair[len(c):] in phrases), None) if i + 1 < len(words) else None
        if said is not None:
            out.append(f"{said[0]} {phrases[said[1]]}")
            i += 2
            continue
        english = word(words[i])
        out.append(words[i] if english is None else english)
        i += 1
    return re.sub(r"\s+", " ", " ".join(out)).strip()


def arabic_to_english(text: str) -> str:
    """An Arabic prompt word by word in English (noun before adjective, as written)."""
    text = _PUNCTUATION.sub(" , ", _arabic_form(text.translate(_ARABIC_DIGITS)))
    english = _gloss_words(text.split(), _AR_PHRASES, _arabic_word, _AR_LEADS)
    return _AGE_AFTER_PERSON.sub(r"\2 \1", english)   # "فتاة صغيرة", a girl little: a little girl


def hindi_to_english(text: str) -> str:
    """A Hindi prompt word by word in English (its describing words come first, as in English)."""
    text = _PUNCTUATION.sub(" , ", _hindi_form(text))
    return _gloss_words(text.split(), _HI_PHRASES, _HI_WORDS.get)
