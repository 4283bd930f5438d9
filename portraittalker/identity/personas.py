"""Named people and characters -> what they look like, in the lexicon's own words.

"Albert Einstein", "Santa Claus" or "a geisha" name a look without describing it: age, sex,
hair, beard, clothes that anyone who knows the name pictures. The parser swaps the name out
and appends its description after the rest of the prompt, where the lexicon reads it. The
lexicon lets the first mention of an attribute win, so whatever the prompt itself says beats
the description ("a young Einstein", "Taylor Swift with short black hair"). The descriptions
are the iconic public image (the age and look most pictures show), plain facts about
appearance, in words every one of which the lexicon knows (tested).
"""

from __future__ import annotations

import re

# name pattern (normalised prompt text: casefolded, hyphens as spaces) -> description
PERSONAS: dict[str, str] = {
    # scientists, artists, writers and historical figures
    r"albert einstein|einstein": "a 70 year old european man with messy white hair and a bushy white moustache in a grey suit",
    r"isaac newton": "a 45 year old european man with long wavy white hair in a black jacket",
    r"marie curie": "a 45 year old european woman with grey hair in a bun in a black dress",
    r"charles darwin": "a 70 year old european man, balding, with a long white beard in a black suit",
    r"nikola tesla": "a 40 year old european man with short black hair slicked back and a black moustache in a black suit",
    r"stephen hawking": "a 60 year old european man with short brown hair and glasses in a navy jacket",
    r"(?:william\s+)?shakespeare": "a 45 year old european man, bald, with a brown moustache and a goatee in a black jacket",
    r"(?:vincent\s+)?van gogh": "a 35 year old european man with short red hair and a short red beard in a blue jacket",
    r"(?:ludwig\s+(?:van\s+)?)?beethoven": "a 50 year old european man with messy grey hair, clean shaven, in a black jacket",
    r"(?:wolfgang\s+(?:amadeus\s+)?)?mozart": "a 30 year old european man with white hair in a ponytail in a red jacket",
    r"leonardo da vinci|da vinci": "a 65 year old european man with long white hair and a long white beard in a brown robe",
    r"mona lisa": "a 25 year old mediterranean woman with long wavy brown hair in a brown dress, smiling",
    r"frida kahlo": "a 35 year old latina woman with black hair in a bun, thick eyebrows and red lipstick in a red dress",
    r"pablo picasso|picasso": "a 75 year old european man, bald, clean shaven, in a navy striped shirt",
    r"abraham lincoln": "a 55 year old european man with short black hair and a black beard in a black suit",
    r"george washington": "a 60 year old european man with white hair in a ponytail, clean shaven, in a navy jacket",
    r"napoleon(?:\s+bonaparte)?": "a 40 year old european man with short brown hair, clean shaven, in a navy jacket",
    r"cleopatra": "a 30 year old middle eastern woman with a black bob with bangs and heavy eyeliner and a gold necklace in a white dress",
    r"(?:mahatma\s+)?gandhi": "a 75 year old indian man, bald, with round glasses and a white moustache in a white robe",
    r"martin luther king(?:\s+jr)?|mlk": "a 35 year old african american man with short black hair and a black moustache in a black suit",
    r"nelson mandela|mandela": "a 80 year old african man with short white hair, clean shaven, in a brown shirt, smiling",
    r"che guevara": "a 30 year old latino man with wavy black hair and a black beard in an olive jacket",
    r"winston churchill|churchill": "a 70 year old european man, balding, heavy, clean shaven, in a black suit with a bow tie",
    r"charlie chaplin": "a 30 year old european man with short black hair and a black toothbrush moustache in a black suit and a black bowler hat",
    r"audrey hepburn": "a 30 year old european woman with dark brown hair in a bun, pearl earrings and a pearl necklace in a black dress",
    r"marilyn monroe": "a 30 year old european woman with short wavy platinum hair and red lipstick in a white dress",
    r"elvis(?:\s+presley)?": "a 25 year old european man with black hair slicked back and black sideburns, clean"
                             " shaven, in a white jacket",
    r"john lennon": "a 30 year old european man with long straight brown hair and round glasses in a white suit",
    r"freddie mercury": "a 35 year old south asian man with short black hair and a black chevron moustache in a white tank top",
    r"bob marley": "a 35 year old african man with long dreadlocks and a black beard in a green jacket",
    r"jimi hendrix": "a 25 year old african american man with an afro and a black moustache in a purple jacket",
    r"michael jackson": "a 30 year old african american man with long curly black hair in a red jacket",
    r"bruce lee": "a 30 year old east asian man with short black hair, clean shaven, muscular, in a yellow t shirt",
    r"princess diana|lady diana|lady di": "a 35 year old european woman with short blonde hair and pearl earrings in a navy dress",
    r"queen elizabeth(?:\s+(?:ii|the second|2))?": "a 90 year old european woman with short curly white hair, pearl earrings and a pearl necklace in a light blue dress",
    r"dalai lama": "a 80 year old east asian man, bald, with glasses, smiling, in a burgundy robe",
    r"pope francis": "a 80 year old european man with short white hair in a white robe",
    # public figures of today
    r"barack obama|obama": "a 50 year old african american man with short black hair in a navy suit with a blue tie",
    r"michelle obama": "a 50 year old african american woman with shoulder length black hair in a blue dress",
    r"donald trump": "a 75 year old european man with short blonde hair in a navy suit with a red tie",
    r"joe biden": "a 80 year old european man with short white hair in a navy suit with a blue tie",
    r"angela merkel": "a 65 year old european woman with short blonde hair in a blue jacket",
    r"elon musk": "a 50 year old european man with short brown hair, clean shaven, in a black t shirt",
    r"steve jobs": "a 55 year old european man with short grey hair, stubble and round glasses in a black turtleneck",
    r"bill gates": "a 65 year old european man with short grey hair and glasses in a blue sweater",
    r"mark zuckerberg|zuckerberg": "a 35 year old european man with short curly brown hair in a grey t shirt",
    r"oprah(?:\s+winfrey)?": "a 65 year old african american woman with shoulder length wavy black hair in a purple dress",
    r"taylor swift": "a 30 year old european woman with long wavy blonde hair with bangs and red lipstick",
    r"beyonc[eé]": "a 35 year old african american woman with long wavy blonde hair",
    r"rihanna": "a 32 year old african american woman with long straight black hair and red lipstick",
    r"lady gaga": "a 35 year old european woman with long straight platinum hair and red lipstick in a black dress",
    r"adele": "a 32 year old european woman with long wavy blonde hair and heavy eyeliner in a black dress",
    r"ed sheeran": "a 30 year old european man with short red hair and a short red beard in a grey t shirt",
    r"billie eilish": "a 20 year old european woman with long straight black hair in a green hoodie",
    r"justin bieber": "a 25 year old european man with short blonde hair in a white hoodie",
    r"keanu reeves": "a 55 year old european man with medium length black hair and a short black beard in a black jacket",
    r"tom hanks": "a 60 year old european man with short grey hair in a navy suit, smiling",
    r"leonardo dicaprio|dicaprio": "a 45 year old european man with short blonde hair slicked back in a black suit",
    r"brad pitt": "a 50 year old european man with short blonde hair and stubble in a white t shirt",
    r"angelina jolie": "a 40 year old european woman with long straight dark brown hair and full lips in a black dress",
    r"scarlett johansson": "a 35 year old european woman with shoulder length wavy blonde hair and red lipstick",
    r"emma watson": "a 30 year old european woman with shoulder length light brown hair in a white blouse",
    r"will smith": "a 50 year old african american man with very short black hair and a short black beard in a blue suit",
    r"denzel washington": "a 60 year old african american man with short grey hair and a short grey beard in a navy suit",
    r"morgan freeman": "a 75 year old african american man with short grey hair and a short grey beard in a grey suit",
    r"samuel l\.? jackson": "a 65 year old african american man, bald, with a grey goatee in a black jacket",
    r"jackie chan": "a 60 year old east asian man with short black hair in a red t shirt, smiling",
    r"lionel messi": "a 35 year old latino man with short brown hair and a full brown beard in a light blue jersey",
    r"cristiano ronaldo": "a 35 year old mediterranean man with short black hair, clean shaven, in a white jersey",
    r"serena williams": "a 35 year old african american woman with long curly black hair in a white t shirt",
    r"michael jordan": "a 50 year old african american man, bald, clean shaven, in a black suit",
    # fictional characters
    r"harry potter": "a 14 year old european boy with messy black hair, round glasses and a burgundy scarf in a black robe",
    r"hermione(?:\s+granger)?": "a 14 year old european girl with long curly brown hair in a black robe",
    r"(?:albus\s+)?dumbledore": "a 90 year old european man with long white hair and a long white beard in a purple robe",
    r"gandalf": "a 90 year old european man with long grey hair and a long grey beard in a grey robe and a grey wizard hat",
    r"sherlock holmes|sherlock": "a 35 year old european man with short curly black hair in a black coat",
    r"james bond|007": "a 40 year old european man with short brown hair, clean shaven, in a black tuxedo",
    r"superman|clark kent": "a 30 year old european man with short black hair, muscular, in a blue t shirt",
    r"batman|bruce wayne": "a 35 year old european man with short black hair, muscular, in a black suit",
    r"wonder woman": "a 30 year old mediterranean woman with long wavy black hair and red lipstick in a red dress",
    r"the joker|joker": "a 40 year old european man with green hair slicked back, pale skin and red lipstick in a purple suit",
    r"jack sparrow": "a 40 year old european man with long dreadlocks and a black goatee and heavy eyeliner in a brown coat",
    r"snow white(?!\s+(?:hair|beard|moustache|mustache|locks|curls|skin|[a-z]+(?:\s+[a-z]+)?\s+(?:hair|beard)"
    r"|shirt|t shirt|blouse|sweater|jumper|dress|gown|coat|jacket|hoodie|cardigan|robe|uniform|suit|hat|scarf|veil|cap"
    r"|headscarf|hijab|beanie|turban))": "a 18 year old european woman with a black bob, pale skin and red lipstick in a blue dress",
    r"cinderella": "a 19 year old european woman with blonde hair in a bun in a light blue dress",
    r"(?:queen|princess)\s+elsa|elsa from frozen": "a 21 year old nordic woman with platinum hair in a side braid in a light blue dress",
    r"little mermaid|princess ariel": "a 16 year old european girl with long wavy red hair in a green top",
    r"mulan": "a 18 year old east asian woman with long straight black hair in a red dress",
    r"wednesday addams": "a 15 year old european girl with black hair in braids and pale skin in a black dress",
    r"mr\.? bean": "a 40 year old european man with short brown hair in a brown jacket with a red tie",
    r"santa claus(?!\s+hats?)|santa(?!\s+(?:monica|barbara|cruz|fe|ana|clara|rosa|maria|hats?|caps?))|father christmas|saint nick(?:olas)?": (
        "a 70 year old european man with white hair and a long white beard in a red jacket and a red beanie, smiling"),
    r"mrs\.? claus": "a 70 year old european woman with white hair in a bun and round glasses in a red dress, smiling",
    # character types
    # (a "wizard hat" or "witch's hat" is a hat, not the person)
    r"(?:wizards?|sorcerers?|warlocks?)(?!'?s?\s+hats?)": "a 80 year old man with long grey hair and a long grey beard in a blue robe and a blue wizard hat",
    r"witch(?:es)?(?!'?s?\s+hats?)": "a woman with long straight black hair in a black dress and a black witch hat",
    r"vampires?|dracula|count dracula": "a 35 year old man with black hair slicked back, a widow's peak, pale skin, "
                                        "clean shaven, fangs, in a black suit and a red cape",
    r"orcs?(?:\s+(?:warriors?|chieftains?))?": "a 35 year old man, muscular, with green skin, fangs and long black hair in a"
                                              " brown jacket",
    r"silver fox(?:es)?": "a 55 year old man with short grey hair and a short grey beard",
    r"goblins?": "a 40 year old man, slim, with green skin, pointy ears and a big nose, bald, in a brown jacket",
    r"zombies?": "a man with messy hair and grey green skin in a grey t shirt",
    r"(?:space\s+)?aliens?|martians?|extraterrestrials?|little green m[ae]n": "a bald man with green skin",
    r"pirates?(?!'?s?\s+hats?)": "a 40 year old man with long black hair and a black beard in a brown coat and a black tricorn hat, an eye patch",
    r"samurai": "a 35 year old japanese man with black hair in a bun, clean shaven, in a navy robe",
    # styles people are pictured in (the common picture of each, as for the periods in eras.py)
    r"cottage\s?core(?:\s+(?:style|aesthetic|girl|woman))?": "a 25 year old woman with long wavy hair and a flower crown in a floral dress",
    r"dark\s+academia(?:\s+(?:style|aesthetic))?": "in a brown tweed blazer over a black turtleneck",
    r"preppy(?:\s+(?:style|look|boy|girl|student))?": "with short hair and a side part in a navy sweater vest over a white collared shirt",
    r"grunge(?:\s+(?:style|look|musician|rocker|kid|girl|guy))?": "with messy shoulder length hair in a red plaid flannel shirt",
    r"boho(?:\s+chic)?|bohemian(?:\s+(?:style|woman|girl))?": "a 28 year old woman with long wavy hair, a headband and hoop earrings"
                                                          " in a white dress",
    r"nerdy|nerds?|geeky|geeks?": "with thick black glasses in a sweater vest",
    r"vikings?(?:\s+(?:warriors?|chieftains?|raiders?|jarls?))?": "a 35 year old nordic man with long blonde hair in braids and a"
                                                                  " long braided blonde beard in a brown fur cloak",
    r"geishas?|maikos?": "a 22 year old japanese woman with black hair in a bun, white makeup, pale skin and red lipstick"
                         " in a red kimono",
    r"ninjas?": "a 30 year old japanese man with short black hair in a black jacket",
    r"sumo wrestlers?": "a 30 year old japanese man, heavy, with black hair in a bun in a white robe",
    r"mariachis?(?:\s+(?:singers?|musicians?|players?))?": "a 35 year old latino man with a black moustache in a black jacket and a black sombrero",
    r"lumberjacks?": "a 40 year old man with short brown hair and a full brown beard in a red flannel shirt",
    # trades, sports and scenes whose clothes say who they are
    r"punks?(?!\s+girls?)|punk rockers?": "in a black leather jacket",
    r"hipsters?": "a 28 year old with round glasses in a flannel shirt",
    r"bikers?|motorcyclists?": "a 45 year old man with a full beard in a black leather jacket",
    r"detectives?": "a 45 year old in a beige trench coat and a brown hat",
    r"gangsters?|mobsters?|mafiosos?|mafia bosse?s?": "a 40 year old man with black hair slicked back in a pinstripe suit and a black fedora",
    r"cheerleaders?": "a 17 year old girl with a ponytail in a red top, smiling",
    r"flappers?": "a 25 year old woman with a black bob with bangs, red lipstick and a long pearl necklace in a black dress",
    # (a sailor's, skipper's or captain's cap or hat is the headwear, not the person: the name blanked
    # out of "a white sailor's cap" left a baseball cap)
    r"sailors?(?!'?s?\s+(?:uniform|collar|suit|dress|top|hat|cap|moon))": (
        "a 30 year old man with short hair in a white shirt and a white sailor's cap"),
    r"(?:sea|ship'?s?|boat|ferry|fishing\s+boat)\s+captains?(?!'?s?\s+(?:caps?|hats?))"
    r"|skippers?(?!'?s?\s+(?:caps?|hats?))|old\s+salts?": (
        "a 60 year old man with a grey beard in a navy jacket and a white captain's hat"),
    r"(?:stage\s+)?magicians?|illusionists?|conjurers?": "a 40 year old man with a black goatee in a black tuxedo and a black top hat",
    r"beauty\s+(?:queens?|pageant\s+(?:winners?|contestants?))|pageant\s+(?:queens?|winners?|contestants?)|miss\s+(?:universe|world)": (
        "a 24 year old woman with long wavy hair and red lipstick in a dress with a tiara and a white sash"),
    # drag: a man dressed up as a woman (big hair, stage make-up, a gown), a woman as a man
    r"drag\s+queens?|(?:a\s+)?(?:man|guy)\s+in\s+drag": (
        "a 30 year old man, clean shaven, with long voluminous wavy platinum blonde hair, heavy eyeliner, glitter and red"
        " lipstick in a pink dress"),
    r"drag\s+kings?": "a 30 year old woman with short black hair slicked back in a black suit",
    r"butlers?": "a 55 year old man with short grey hair slicked back in a black tuxedo",
    r"maids?|housemaids?": "a 25 year old woman with hair in a bun in a black dress",
    # a South Asian bride wears red and gold, a Chinese or Vietnamese bride red (before any bride)
    r"(?:indian|hindu|punjabi|pakistani|bengali|bangladeshi|nepali|nepalese|sikh|tamil|gujarati|desi)\s+brides?": (
        "a 26 year old south asian woman with hair in a bun, gold earrings and a gold necklace, a red veil, in a red dress"),
    r"(?:chinese|vietnamese)\s+brides?": "a 27 year old east asian woman with hair in a bun and gold earrings in a red dress",
    r"brides?": "a 28 year old woman with hair in a bun and a white veil in a wedding dress",
    r"(?:bride)?grooms?": "a 30 year old man with short hair, clean shaven, in a black tuxedo",
    r"farmers?(?!'?s?\s+market)": "a 50 year old in a denim shirt and a straw hat",
    r"mechanics?": "a 35 year old in a navy jacket",
    # trades and jobs by what most pictures of them show (the prompt's own words still win)
    r"(?<!make up )(?<!makeup )(?<!tattoo )(?<!martial )(?<!con )(?<!street )(?<!graffiti )artists?": (
        "a 35 year old with messy hair in a denim apron over a black t shirt"),
    r"(?:house\s+)?painters?(?!\s+and\s+decorators?)|painters?\s+and\s+decorators?|decorators?": (
        "a 40 year old in white overalls over a white t shirt"),
    r"(?:software\s+)?(?:programmers?|developers?|coders?)|software\s+engineers?|hackers?": (
        "a 28 year old in a grey hoodie"),
    r"architects?|(?:graphic\s+|fashion\s+|interior\s+)?designers?(?!\s+(?:dress|dresses|clothes|clothing|suit|outfit|"
    r"sunglasses|glasses|frames|handbag|bag|jeans|shoes|jacket|coat|stubble|beard|label|brand))": (
        "a 40 year old in a black turtleneck"),
    r"accountants?|bankers?|financial\s+advisors?|insurance\s+agents?": (
        "a 40 year old in a white shirt with a navy tie"),
    r"presidents?|prime\s+ministers?|senators?|politicians?": "a 60 year old in a navy suit with a red tie",
    r"bakers?(?!\s+boy)": "a 40 year old in a white apron over a blue t shirt",
    r"butchers?": "a 45 year old in a white apron over a white t shirt",
    r"barbers?|hairdressers?|hair\s+stylists?": "a 30 year old in a black apron over a black t shirt",
    r"carpenters?|woodworkers?|lumberjacks?": "a 40 year old in a red plaid shirt",
    r"plumbers?|electricians?|factory\s+workers?|janitors?|handym[ae]n": (
        "a 40 year old in navy overalls over a grey t shirt"),
    r"welders?": "a 40 year old in a brown leather jacket with goggles pushed up",
    r"(?:coal\s+)?miners?": "a 40 year old in a navy jacket and a yellow hard hat",
    r"paramedics?|emts?": "a 35 year old in a navy jacket",
    r"dentists?|veterinarians?": "a 40 year old in a white coat",
    r"gardeners?": "a 50 year old in a green apron over a beige shirt and a straw hat",
    r"ranchers?": "a 50 year old in a denim shirt and a brown cowboy hat",
    r"(?:truck|lorry)\s+drivers?|truckers?(?!\s+(?:hats?|caps?|jackets?))": (
        "a 45 year old in a red plaid shirt and a baseball cap"),
    r"delivery\s+(?:drivers?|m[ae]n|persons?)|couriers?": "a 30 year old in a brown t shirt and a brown cap",
    r"swimmers?": "a 22 year old, muscular, in a navy tank top with swimming goggles pushed up",
    r"gymnasts?": "a 17 year old, slim, in a tank top",
    r"yoga\s+(?:instructors?|teachers?)|yogis?": "a 30 year old, slim, with hair in a bun in a tank top",
    r"(?:personal|fitness)\s+trainers?|gym\s+instructors?|wrestlers?|weightlifters?|bodybuilders?": (
        "a 30 year old, muscular, in a black tank top"),
    r"(?:pianists?|violinists?|cellists?|conductors?(?!'?s?\s+(?:caps?|hats?)))": "a 45 year old in a black suit",
    r"(?:guitarists?|bassists?|drummers?)": "a 30 year old with messy hair in a black t shirt",
    r"tailors?|seamstress(?:es)?": "a 50 year old in a grey waistcoat over a white shirt",
    r"(?:tour\s+guides?|explorers?|safari\s+guides?|park\s+rangers?)": "a 35 year old in a khaki shirt and a sun hat",
    r"(?:hikers?|mountain\s+climbers?|mountaineers?|climbers?)": "a 30 year old in a red jacket and a beanie",
    r"hunters?(?!\s+green)": "a 45 year old in a camo jacket and an orange cap",
    r"security\s+guards?|bouncers?": "a 35 year old, muscular, in a black jacket",
    r"lifeguards?": "a 22 year old, muscular and tanned, in a red tank top",
    r"boxers?": "a 28 year old man, muscular, with a buzz cut in a black tank top",
    r"cyclists?": "a 30 year old, slim, in a yellow jersey",
    r"surfers?(?!\s+(?:girls?|boys?))": "a 25 year old, tanned, with wavy sun bleached hair in a black t shirt",
    r"skiers?|snowboarders?": "a 28 year old in a red jacket and a beanie",
    r"tennis players?": "a 25 year old, slim, in a white t shirt",
    r"basketball players?": "a 25 year old, muscular, in a red jersey",
    r"footballers?|soccer players?|football players?": "a 25 year old, muscular, in a red jersey",
    r"flight attendants?|stewardess(?:es)?|air hostess(?:es)?|cabin crew": "a 30 year old with hair in a bun in a navy jacket",
    r"waiters?": "a 30 year old man in a white shirt with a black bow tie",
    r"boy\s+scouts?": "a 12 year old boy in a khaki shirt with a neckerchief",
    r"cub\s+scouts?": "a 9 year old boy in a khaki shirt with a neckerchief",
    r"girl\s+(?:scouts?|guides?)": "a 12 year old girl in a khaki shirt with a neckerchief",
    r"bartenders?|barmen|barman|barmaids?": "a 30 year old in a black waistcoat over a white shirt",
    r"baristas?": "a 25 year old in a brown apron over a black t shirt",
    r"waitress(?:es)?": "a 25 year old woman with a ponytail in a white blouse",
    r"pin\s?ups?(?:\s+models?)?": "a 25 year old woman with wavy blonde hair, eyeliner and red lipstick in a red polka dot"
                                 " dress",
    r"ballerinas?|ballet dancers?": "a 22 year old woman, slim, with hair in a bun in a pink dress",
    r"hippies?|hippy": "a 25 year old with long wavy hair and round glasses in a beige shirt",
    r"knights?": "a 35 year old european man with short brown hair and a short brown beard in armour",
    r"dwar(?:f|ves|fs)": "a 60 year old man, heavy, with long red hair and a long red beard in a brown jacket",
    r"(?:elf|elves|elven)(?!\s+ears|[\s-]+eared)": "a 25 year old with long straight platinum hair and pointy ears, slim, in a green robe",
    r"mermaids?": "a 20 year old woman with long wavy red hair in a green top",
    r"fair(?:y|ies)(?!\s+lights)": "a 18 year old woman with long wavy blonde hair in a pink dress",
    r"clowns?(?!\s+(?:make\s?up|face|nose|paint))": "a man with curly red hair, clown makeup, pale skin and red lipstick"
                                                     " in a yellow jacket",
    # a mime's white face with black marks through the eyes, dark lips and a striped shirt
    r"(?:mimes?|pierrots?)(?!\s+(?:make\s?up|face))(?:\s+artists?)?": "a 30 year old, slim, with mime makeup and black"
                                                                   " lipstick in a black striped shirt",
    r"rock stars?|rockstars?|(?:punk\s+|hard\s+)?rockers?|rock\s+(?:musicians?|singers?)": (
        "a 30 year old with long messy black hair in a black leather jacket"),
    # a pop star or idol: a young singer's stage jacket (a K-pop idol is the lexicon's: young, East Asian)
    r"(?<!pop )(?<!pop)idols?": (
        "a 21 year old in a black jacket over a white shirt"),
    r"(?<!k )(?<!k)(?:pop\s+(?:stars?|singers?|idols?)|popstars?)": "a 25 year old in a black jacket",
    r"housewi(?:fe|ves)|homemakers?": "a 35 year old woman",
    # more trades and types, as they are commonly pictured
    r"sheikhs?|sheiks?": "a 50 year old man with a short black beard in a white thobe and a white keffiyeh",
    r"maharajas?|maharajahs?": "a 45 year old indian man with a moustache in a gold jacket, an orange turban and a"
                               " pearl necklace",
    r"(?:social\s+media\s+)?influencers?|youtubers?|vloggers?|tiktokers?": "a 26 year old in a white t shirt",
    r"sculptors?": "a 50 year old with a grey beard in a grey t shirt and an apron",
    r"poets?": "a 35 year old with messy hair in a black turtleneck",
    r"(?:writers?|novelists?|authors?)(?!\s+of)": "a 40 year old with glasses in a brown tweed jacket",
    r"photographers?": "a 35 year old in a black t shirt",
    r"(?<!viking )(?<!maasai )(?<!samurai )warriors?": "a 30 year old, muscular",
    r"bandits?|outlaws?|desperados?": "a 35 year old man with stubble in a black cowboy hat and a black vest",
    r"(?<!pop )(?<!rock )(?<!opera )singers?(?!\s+songwriter)|vocalists?": "a 28 year old in a black jacket",
    r"(?<!belly )(?<!disco )(?<!flamenco )dancers?": "a 24 year old, slim, with hair in a bun in a black tank top",
    r"flamenco\s+dancers?|bailaoras?": "a 28 year old woman, slim, with black hair in a bun in a red dress",
    r"philosophers?": "a 65 year old man with a long grey beard in a white robe",
    r"spies|spy|secret\s+agents?": "a 40 year old in a black suit and a black tie",
    r"shepherds?": "a 50 year old with a grey beard in a wool sweater and a flat cap",
    r"shepherdess(?:es)?": "a 40 year old woman in a wool sweater and a headscarf",
    r"jockeys?": "a 25 year old, slim, in a red and white striped shirt and a helmet",
    r"golfers?": "a 45 year old in a white polo shirt and a white cap",
    r"(?:marathon\s+)?runners?|joggers?|(?:olympic\s+)?athletes?|sprinters?": "a 28 year old, athletic, in a tank top",
    r"sheriffs?|(?:us\s+|u\.s\.\s+)?marshals?": "a 45 year old man with a moustache in a brown cowboy hat and a brown vest",
    r"peasants?(?!\s+(?:blouses?|tops?|dress(?:es)?|skirts?|shirts?))|serfs?": "a 35 year old with short brown hair in a brown robe",
    # a new graduate, in cap and gown
    r"(?:college\s+|university\s+|high\s+school\s+)?graduates?(?!\s+(?:students?|school|degree))": (
        "a 22 year old in a black graduation gown and a mortarboard"),
    r"(?:office|white[\s-]collar)\s+workers?|office\s+employees?|clerks?": "a 35 year old in a light blue shirt",
    r"victorian gentlem[ae]n": "a 45 year old european man with short brown hair slicked back and a brown moustache"
                               " in a black suit",
    r"steampunks?(?:\s+(?:inventors?|engineers?))?": "a 40 year old with messy brown hair and round glasses in a brown"
                                                     " jacket and a black hat",
    r"cyberpunks?(?:\s+(?:hackers?|characters?))?": "a 25 year old with short pink hair in a black leather jacket",
    r"emos?(?:\s+(?:kids?|teens?|girls?|boys?))?": "a 16 year old with black hair with bangs and black eyeliner in a"
                                                  " black hoodie",
    r"pharaohs?": "a 30 year old egyptian man, clean shaven, with heavy eyeliner and a gold necklace in a white robe",
    r"roman emperors?|caesar|julius caesar": "a 50 year old italian man with short grey hair, clean shaven, in a white"
                                             " robe and a laurel wreath",
    r"superheroe?s?": "a 30 year old, muscular, with short hair in a blue t shirt and a red cape",
    r"angels?(?!\s+(?:wings?|food|cake))": "a 20 year old with long wavy blonde hair in a white robe with a halo",
}
# a woman's persona may be called a girl ("a flapper girl", "a pin-up girl"): she is still the
# persona's woman, not a child
_PATTERNS = {(rf"(?:{p})(?:\s+girls?)?" if re.search(r"\bwoman\b", desc) else p): desc for p, desc in PERSONAS.items()}
# name-like words that are also common words: only their full names count
_PATTERN = re.compile(
    r"(?<!\w)(?:(?:a|an|the|like|as)\s+)?(?P<name>" + "|".join(f"(?:{p})" for p in _PATTERNS) + r")(?:'s)?(?!\w)")
_COMPILED = [(re.compile(rf"(?:{p})"), desc) for p, desc in _PATTERNS.items()]


def description_of(name: str) -> str:
    """The description of a matched name (the first pattern matching it whole)."""
    for rx, desc in _COMPILED:
        if rx.fullmatch(name):
            return desc
    raise KeyError(name)


def expand_personas(text: str) -> tuple[str, list[tuple[str, str]], int]:
    """Normalised prompt text -> (the text with each named person or character blanked out and
    their descriptions appended, [(name, description)] in prompt order, where the descriptions
    begin). Blanking keeps every other word's position, so the prompt's own words come first."""
    found: list[tuple[str, str]] = []

    def blank(m: re.Match) -> str:
        name = m.group("name")
        found.append((name, description_of(name)))
        return " " * len(m.group(0))

    blanked = _PATTERN.sub(blank, text)
    if not found:
        return text, [], len(text)
    return blanked + " ; " + " ; ".join(desc for _, desc in found), found, len(blanked)
