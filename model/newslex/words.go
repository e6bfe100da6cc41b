package newslex

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// CueVerbs introduce or attribute speech. Participles (-ing) attach to the
// subject of their clause; the others take a subject next to them.
var CueVerbs = set(
	"say", "says", "said", "saying",
	"tell", "tells", "told", "telling",
	"write", "writes", "wrote", "writing",
	"add", "adds", "added", "adding",
	"warn", "warns", "warned", "warning",
	"state", "stated", "stating",
	"explain", "explains", "explained", "explaining",
	"note", "noted", "noting",
	"argue", "argues", "argued", "arguing",
	"insist", "insists", "insisted", "insisting",
	"claim", "claimed", "claiming",
	"ask", "asks", "asked", "asking",
	"reply", "replies", "replied", "replying",
	"respond", "responds", "responded", "responding",
	"answer", "answered",
	"continue", "continues", "continued",
	"recall", "recalls", "recalled", "recalling",
	"declare", "declares", "declared", "declaring",
	"announce", "announces", "announced", "announcing",
	"tweet", "tweets", "tweeted", "tweeting",
	"posted", "posting",
	"acknowledge", "acknowledges", "acknowledged", "acknowledging",
	"admit", "admits", "admitted", "admitting",
	"conclude", "concludes", "concluded", "concluding",
	"predict", "predicts", "predicted", "predicting",
	"suggest", "suggests", "suggested", "suggesting",
	"urge", "urges", "urged", "urging",
	"remark", "remarks", "remarked",
	"comment", "comments", "commented",
	"complain", "complains", "complained", "complaining",
	"observe", "observes", "observed",
	"concede", "concedes", "conceded", "conceding",
	"confirm", "confirms", "confirmed", "confirming",
	"emphasize", "emphasizes", "emphasized", "emphasizing",
	"emphasise", "emphasises", "emphasised", "emphasising",
	"stress", "stresses", "stressed", "stressing",
	"exclaim", "exclaims", "exclaimed",
	"joke", "jokes", "joked", "joking",
	"quip", "quips", "quipped",
	"shout", "shouts", "shouted", "shouting",
	"yell", "yells", "yelled",
	"cry", "cries", "cried",
	"scream", "screamed",
	"describe", "describes", "described", "describing",
	"call", "calls", "called", "calling",
	"recount", "recounts", "recounted",
	"whisper", "whispers", "whispered",
	"testify", "testifies", "testified", "testifying",
	"promise", "promises", "promised", "promising",
	"vow", "vows", "vowed", "vowing",
	"pledge", "pledges", "pledged", "pledging",
	"threaten", "threatens", "threatened", "threatening",
	"lament", "laments", "lamented",
	"contend", "contends", "contended",
	"assert", "asserts", "asserted", "asserting",
	"allege", "alleges", "alleged", "alleging",
	"reiterate", "reiterates", "reiterated", "reiterating",
	"counter", "countered",
	"retort", "retorted",
	"boast", "boasts", "boasted",
	"mused", "wondered",
	"report", "reports", "reported",
	"accuse", "accuses", "accused", "accusing",
	"dismiss", "dismisses", "dismissed", "dismissing",
	"denounce", "denounces", "denounced", "denouncing",
	"condemn", "condemns", "condemned", "condemning",
	"slam", "slams", "slammed",
	"blast", "blasts", "blasted",
	"praise", "praises", "praised", "praising",
	"hail", "hails", "hailed",
	"label", "labels", "labeled", "labelled",
	"dub", "dubs", "dubbed",
	"brand", "brands", "branded",
	"term", "terms", "termed",
	"deny", "denies", "denied", "denying",
	"demand", "demands", "demanded", "demanding",
	"pointed", "points",
	"read", "reads", // "the statement read"
	"quoted", "written", "beg", "begs", "begged", "plead", "pleads", "pleaded", "pleading",
	"implore", "implored", "imploring", "assure", "assures", "assured", "assuring",
	"caution", "cautions", "cautioned", "cautioning", "put", "puts", "replied",
	"explains", "notes", "writes", "recalls", "continues", "comments", "remarks",
	"bemoan", "bemoans", "bemoaned", "bemoaning",
	"chant", "chants", "chanted", "chanting", "sang", "sings",
	"blame", "blames", "blamed", "blaming",
	"found", "finds", // a document's findings (see speaker's cueFits)
)

// SayVerbs may be inverted ("said Petro") or stand for a whole reported
// utterance; the rest of the cue verbs only take a subject before them.
var SayVerbs = set(
	// phrasal cues, with their particle (PhrasalCues)
	"went", "goes", "carried", "chimed", "shot", "fired", "weighed", "summed", "spoke", "broke", "piped",
	"said", "says", "say", "chanted", "sang", "added", "adds", "wrote", "writes", "asked", "asks",
	"comments", "commented", "explains", "notes", "recalls", "continues", "cautions", "cautioned",
	"warns", "insists", "argues", "tweets",
	"replied", "replies", "continued", "continues", "explained", "noted", "insisted", "argued",
	"warned", "recalled", "declared", "stated", "tweeted", "answered", "responded", "countered",
	"retorted", "quipped", "joked", "exclaimed", "shouted", "cried", "whispered",
	"concluded", "observed", "conceded", "remarked", "commented")

// AttrVerbs can close an attribution after a quotation ("“…,” Petro
// told reporters"); verbs of judgement (condemned, praised, called) take an
// object instead and do not.
var AttrVerbs = set(
	// phrasal cues, with their particle (PhrasalCues)
	"went", "goes", "carried", "chimed", "shot", "fired", "weighed", "summed", "spoke", "broke", "piped",
	"said", "says", "say", "chanted", "sang", "chant", "added", "adds", "wrote", "writes", "asked", "asks",
	"replied", "replies", "continued", "continues", "explained", "explains", "noted", "notes",
	"insisted", "insists", "argued", "argues", "warned", "warns", "recalled", "recalls",
	"declared", "stated", "tweeted", "answered", "responded", "countered", "retorted", "quipped",
	"joked", "exclaimed", "shouted", "cried", "whispered", "concluded", "observed", "conceded",
	"remarked", "commented", "told", "tells", "reported", "posted", "testified", "admitted",
	"admits", "acknowledged", "acknowledges", "claimed", "claims", "suggested", "suggests",
	"predicted", "stressed", "emphasized", "emphasised", "promised", "vowed", "pledged",
	"confirmed", "announced", "recounted", "mused", "wondered", "boasted", "lamented",
	"complained", "contended", "asserted", "reiterated", "yelled", "screamed", "read", "reads",
	"writing", "saying", "adding", "comments", "cautions", "cautioned", "assures", "assured",
	"written", "pleaded", "begged", "implored", "remarks", "continued", "recalls")

// ReportVerbs report an utterance. When a sentence holds several cues, a
// quotation belongs to a reporting verb rather than to a verb of judgement
// inside the reported clause ("Pompeo said Washington had concluded …").
var ReportVerbs = set(
	// phrasal cues, with their particle (PhrasalCues)
	"went", "goes", "carried", "chimed", "shot", "fired", "weighed", "summed", "spoke", "broke", "piped",
	"said", "says", "say", "told", "tells", "wrote", "writes", "written",
	"added", "adds", "stated", "explained", "explains", "noted", "notes", "argued", "argues",
	"insisted", "insists", "claimed", "claims", "warned", "warns", "tweeted", "posted",
	"testified", "recalled", "recalls", "acknowledged", "admitted", "asked", "asks", "replied",
	"saying", "adding", "writing", "telling", "comments", "commented", "according")

// Pronouns that can be the subject of a cue.
var Pronouns = set("he", "she", "they", "it", "we", "i", "you")

// Dets open a noun phrase.
var Dets = set("the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this",
	"that", "these", "those", "one", "another", "several", "many", "some", "other", "two",
	"three", "four", "both", "each", "every", "no", "dozens", "hundreds", "thousands", "scores",
	"millions")

// CapStop are capitalised function words and calendar words that never
// start a name when they open a sentence.
var CapStop = set(
	"the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "for", "but", "and",
	"or", "so", "yet", "however", "meanwhile", "still", "also", "then", "when", "while", "after",
	"before", "since", "as", "if", "although", "though", "because", "despite", "during",
	"earlier", "later", "now", "today", "yesterday", "tonight", "last", "next", "every",
	"speaking", "asked", "according", "citing", "following", "under", "over", "with", "without",
	"from", "to", "by", "of", "it", "he", "she", "they", "we", "i", "you", "his", "her", "their",
	"our", "my", "your", "its", "here", "there", "what", "why", "how", "who", "where", "which",
	"some", "many", "most", "both", "all", "each", "several", "other", "another", "such", "no",
	"not", "even", "just", "only", "indeed", "instead", "thus", "once", "again", "more", "less",
	"further", "finally", "first", "second", "third", "moreover", "furthermore", "overall",
	"nearly", "about", "around", "among", "between", "into", "through", "until", "unless",
	"whether", "amid", "against", "across", "beyond", "per", "via", "do", "does", "did", "is",
	"are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
	"should", "may", "might", "must", "let", "please", "yes", "thanks", "thank", "dear", "like",
	"unlike", "asked", "in", "one", "two", "three", "said", "says", "see", "read", "photo",
	"image", "video", "watch", "listen", "updated", "breaking", "opinion", "analysis", "editor",
	"note", "advertisement", "sources", "source", "even", "never", "always", "sometimes",
	"perhaps", "maybe", "clearly", "certainly", "instead", "rather", "whatever", "everyone",
	"nobody", "someone", "anyone", "everything", "nothing", "something", "anything", "otherwise",
	"ok", "okay", "well", "oh", "no", "yeah", "wow", "hey", "sure", "look", "today's", "it's", "far",
	"just", "yes", "whereas", "besides", "hence", "therefore", "nevertheless", "nonetheless",
	"that's", "there's", "here's", "what's", "we're", "i'm", "you're", "they're", "don't",
	"i've", "we've", "we'll", "i'll", "can't", "won't", "didn't", "isn't", "wasn't",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec",
)

// FuncCap are capitalised words that start a new sentence after an
// initialism ("… in the U.S. The …").
var FuncCap = set("the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "and", "in",
	"on", "at", "this", "that", "there", "his", "her", "their", "its", "however", "meanwhile",
	"after", "before", "when", "while", "as", "if", "for", "so", "yet", "still", "also", "some",
	"many", "most", "officials", "critics", "analysts")

// Particles join the capitalised parts of a name.
var Particles = set("de", "da", "del", "della", "di", "do", "dos", "das", "du", "van", "von",
	"der", "den", "ter", "la", "le", "al", "el", "bin", "ibn", "abu", "y", "e", "st")

// Titles are capitalised titles and ranks that precede a name; a
// capitalised run is split after its last title word.
var Titles = set("president", "vice", "prime", "minister", "secretary", "treasury", "defense",
	"defence", "foreign", "interior", "finance", "health", "justice", "attorney", "general",
	"senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov",
	"governor", "mayor", "judge", "chief", "executive", "officer", "ceo", "cfo", "coo", "cto",
	"director", "chairman", "chairwoman", "chair", "commissioner", "ambassador", "speaker",
	"leader", "majority", "minority", "dr", "prof", "professor", "gen", "lt", "lieutenant",
	"col", "colonel", "maj", "capt", "captain", "sgt", "sergeant", "adm", "admiral", "cmdr",
	"commander", "king", "queen", "prince", "princess", "pope", "rev", "reverend", "coach",
	"deputy", "acting", "former", "spokesman", "spokeswoman", "spokesperson", "chancellor",
	"premier", "sheikh", "emir", "crown", "lady", "lord", "sir", "dame", "inspector",
	"detective", "sheriff", "superintendent", "dean", "president-elect", "first", "mp", "mep",
	"envoy", "delegate", "founder", "co-founder", "cofounder", "economy", "trade", "energy",
	"labor", "labour", "education", "transport", "transportation", "homeland", "security",
	"agriculture", "commerce", "environment", "culture", "communications", "opposition",
	"adviser", "advisor", "councilman", "councilwoman", "councillor", "councilor", "assemblyman",
	"assemblywoman", "state", "supreme", "mr", "mrs", "ms", "miss", "mx", "head", "anchor",
	"correspondent", "editor", "manager", "owner", "star", "designer", "rapper", "singer",
	"actor", "actress", "author", "writer", "producer", "cardinal", "bishop", "archbishop",
	"rabbi", "imam", "ayatollah", "father", "brother", "sister", "officer", "trooper",
	"private", "corporal", "cpl", "pvt", "sgt", "marshal", "field", "air", "vice-president",
)

// Honorifics are titles that say only the gender; they are not a role.
var Honorifics = map[string]byte{"mr": 'm', "mrs": 'f', "ms": 'f', "miss": 'f', "mx": 0,
	"sir": 'm', "lord": 'm', "dame": 'f', "lady": 'f', "king": 'm', "queen": 'f', "prince": 'm',
	"princess": 'f', "congressman": 'm', "congresswoman": 'f', "spokesman": 'm', "spokeswoman": 'f',
	"chairman": 'm', "chairwoman": 'f', "father": 'm', "sister": 'f', "brother": 'm', "actress": 'f',
}

// Abbrevs end with a period that does not end the sentence.
var Abbrevs = set("mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt",
	"col", "capt", "sgt", "prof", "rev", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb",
	"mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "adm",
	"maj", "cmdr", "pres", "gov", "approx", "dept", "est", "fig", "cpl", "pvt", "messrs", "mme",
	"mlle", "hon", "supt", "det", "insp", "u.s", "e.g", "i.e", "a.m", "p.m", "etc")

// RoleNouns head a description of a person ("a police spokesman").
var RoleNouns = set(
	"spokesman", "spokeswoman", "spokesperson", "spokespeople", "official", "officer", "leader",
	"chief", "head", "director", "executive", "ceo", "founder", "chairman", "chairwoman",
	"chair", "president", "minister", "secretary", "senator", "lawmaker", "governor", "mayor",
	"judge", "lawyer", "attorney", "prosecutor", "general", "commander", "ambassador",
	"diplomat", "analyst", "expert", "researcher", "scientist", "professor", "author",
	"economist", "coach", "player", "manager", "owner", "witness", "resident", "activist",
	"pal", "insider", "confidant", "confidante", "mate", "buddy", "colleague", "acquaintance",
	"cousin", "uncle", "aunt", "nephew", "niece", "grandson", "granddaughter", "fiancé", "fiancée",
	"boyfriend", "girlfriend", "rival", "opponent", "challenger", "successor", "predecessor",
	"counterpart", "youngster", "teenager", "teen", "rookie", "newcomer", "debutant", "pensioner", "retiree",
	"grandmother", "grandfather", "widow", "widower", "mum", "mom", "dad", "spokesperson",
	"critic", "investigator", "doctor", "nurse", "student", "teacher", "parent", "mother",
	"father", "son", "daughter", "wife", "husband", "friend", "neighbor", "neighbour",
	"victim", "survivor", "representative", "aide", "adviser", "advisor", "strategist",
	"candidate", "member", "pastor", "bishop", "pope", "king", "queen", "prince", "princess",
	"worker", "employee", "engineer", "designer", "developer", "producer", "actor", "actress",
	"singer", "musician", "writer", "editor", "journalist", "reporter", "correspondent",
	"host", "presenter", "man", "woman", "person", "boy", "girl", "farmer", "fisherman",
	"driver", "pilot", "soldier", "deputy", "envoy", "negotiator", "partner", "co-founder",
	"cofounder", "president-elect", "premier", "chancellor", "commissioner", "inspector",
	"detective", "sheriff", "superintendent", "principal", "dean", "rabbi", "imam", "cleric",
	"priest", "source", "veteran", "lecturer", "historian", "physician", "surgeon", "nominee",
	"organizer", "organiser", "protester", "founder", "cto", "cfo", "coo", "vice-president",
	"guitarist", "drummer", "bassist", "vocalist", "rapper", "comedian", "chef", "artist",
	"photographer", "filmmaker", "novelist", "poet", "playwright", "athlete", "champion",
	"fellow", "administrator", "strategist", "consultant", "entrepreneur", "investor",
	"agent", "guard", "trooper", "user", "customer", "trader", "banker", "juror", "inspector",
	"delegate", "scholar", "commentator", "pundit", "blogger", "reader", "viewer", "patient",
	"pharmacist", "retailer", "landlord", "tenant", "homeowner", "sailor", "marine", "rebel",
	"militant", "fighter", "gunman", "attacker", "suspect", "detainee", "prisoner", "refugee",
	"migrant", "immigrant", "settler", "agents", "guards", "troopers", "users", "customers",
	"shoppers", "consumers", "investors", "traders", "bankers", "jurors", "inspectors",
	"delegates", "negotiators", "representatives", "athletes", "artists", "musicians", "actors",
	"producers", "editors", "journalists", "reporters", "commentators", "pundits", "readers",
	"viewers", "patients", "physicians", "surgeons", "pharmacists", "retailers", "drivers",
	"sailors", "marines", "veterans", "rebels", "militants", "insurgents", "fighters", "gunmen",
	"attackers", "suspects", "detainees", "prisoners", "refugees", "migrants", "immigrants",
	"settlers", "crew", "personnel",
	"congressman", "congresswoman", "counsel", "spokesmen", "spokeswomen", "official's",
	"officials", "authorities", "police", "critics", "analysts", "experts", "residents",
	"witnesses", "sources", "researchers", "scientists", "lawmakers", "protesters",
	"demonstrators", "organizers", "organisers", "supporters", "observers", "workers",
	"employees", "students", "parents", "doctors", "prosecutors", "investigators", "troops",
	"soldiers", "leaders", "executives", "aides", "advisers", "advisors", "people", "voters",
	"citizens", "democrats", "republicans", "officers", "diplomats", "members", "activists",
	"economists", "lawyers", "attorneys", "victims", "families", "relatives", "neighbors",
	"neighbours", "fans", "players", "teachers", "nurses", "scholars", "historians", "ministers",
	"senators", "governors", "mayors", "judges", "commanders", "generals", "insiders", "staff",
	"staffers", "farmers", "fishermen", "villagers", "locals", "opponents", "proponents",
	"advocates", "campaigners", "owners", "managers", "directors", "founders", "designers",
	"authors", "writers", "engineers", "developers", "pilots", "passengers", "survivors",
)

// GroupNouns are plural role nouns: "they" can refer back to them.
var GroupNouns = set("officials", "authorities", "police", "critics", "analysts", "experts",
	"residents", "witnesses", "sources", "researchers", "scientists", "lawmakers", "protesters",
	"demonstrators", "organizers", "organisers", "supporters", "observers", "workers",
	"employees", "students", "parents", "doctors", "prosecutors", "investigators", "troops",
	"soldiers", "leaders", "executives", "aides", "advisers", "advisors", "people", "voters",
	"citizens", "democrats", "republicans", "officers", "diplomats", "members", "activists",
	"economists", "lawyers", "attorneys", "victims", "families", "relatives", "neighbors",
	"neighbours", "fans", "players", "teachers", "nurses", "scholars", "historians",
	"ministers", "senators", "governors", "mayors", "judges", "commanders", "generals",
	"insiders", "staff", "staffers", "farmers", "fishermen", "villagers", "locals", "opponents",
	"proponents", "advocates", "campaigners", "owners", "managers", "directors", "founders",
	"designers", "authors", "writers", "engineers", "developers", "pilots", "passengers",
	"survivors", "spokesmen", "spokeswomen", "spokespeople", "agents", "guards", "troopers",
	"personnel", "crew", "crews", "users", "customers", "shoppers", "consumers", "investors",
	"traders", "bankers", "judges", "jurors", "inspectors", "delegates", "negotiators",
	"representatives", "scholars", "clerics", "monks", "priests", "nuns", "coaches", "athletes",
	"artists", "musicians", "actors", "producers", "editors", "journalists", "reporters",
	"commentators", "pundits", "bloggers", "readers", "viewers", "listeners", "audiences",
	"patients", "nurses", "physicians", "surgeons", "pharmacists", "retailers", "landlords",
	"tenants", "homeowners", "drivers", "pilots", "sailors", "marines", "veterans", "rebels",
	"militants", "insurgents", "fighters", "gunmen", "attackers", "suspects", "detainees",
	"prisoners", "refugees", "migrants", "immigrants", "settlers", "colonists", "natives")

// ChannelNouns name the medium of a statement ("in a post on X").
var ChannelNouns = set("statement", "statements", "post", "posts", "tweet", "tweets",
	"message", "messages", "interview", "interviews", "letter", "email", "e-mail", "speech",
	"video", "release", "conference", "op-ed", "column", "blog", "memo", "filing", "note",
	"broadcast", "address", "podcast", "remarks", "briefing", "publication", "appearance",
	"testimony", "hearing", "documentary", "essay", "article", "newsletter", "livestream",
	"press", "text", "call", "debate", "rally", "speech", "sermon", "announcement", "report",
	"communique", "communiqué", "editorial", "op-eds", "thread")

// Platforms are social networks and broadcast media named after "on".
var Platforms = set("x", "twitter", "facebook", "instagram", "tiktok", "telegram", "truth",
	"youtube", "threads", "bluesky", "linkedin", "weibo", "reddit", "mastodon", "snapchat",
	"whatsapp", "television", "tv", "radio", "social", "podcast")

// DocNouns are sources of information rather than speakers: "according to
// figures supplied by X" is attributed to X.
var DocNouns = set("figures", "data", "report", "reports", "statement", "documents",
	"document", "study", "survey", "records", "estimates", "numbers", "statistics", "poll",
	"analysis", "filing", "filings", "release", "transcript", "copy", "letter", "memo",
	"post", "tweet", "message", "research", "investigation", "review", "count", "tally",
	"ruling", "judgment", "judgement", "verdict", "order", "decision", "opinion", "complaint",
	"lawsuit", "suit", "indictment", "affidavit", "petition", "motion", "audit", "inquiry", "probe",
	"assessment", "forecast", "guidance", "notice", "bulletin", "email", "e-mail", "memo",
	"announcement", "communique", "communiqué", "letter", "leaflet", "manifesto", "charter", "warning")

// OrgWords make a capitalised run an organisation or a place, not a person.
var OrgWords = set("ministry", "department", "administration", "house", "office", "council",
	"committee", "agency", "bank", "inc", "corp", "corporation", "company", "co", "ltd", "llc",
	"university", "college", "school", "party", "times", "news", "post", "journal", "press",
	"association", "union", "court", "police", "army", "navy", "force", "forces", "government",
	"commission", "foundation", "institute", "group", "federation", "league", "club",
	"network", "organization", "organisation", "service", "services", "board", "senate",
	"congress", "parliament", "assembly", "embassy", "united", "states", "nations", "kingdom",
	"republic", "federal", "national", "international", "center", "centre", "hospital",
	"airport", "station", "church", "museum", "street", "avenue", "road", "square", "city",
	"county", "province", "island", "islands", "sea", "ocean", "gulf", "river", "lake", "bay",
	"coast", "valley", "mountains", "airlines", "motors", "technologies", "labs", "studios",
	"media", "entertainment", "records", "games", "cup", "day", "week", "prize", "award",
	"awards", "festival", "championship", "championships", "series", "world", "war", "north",
	"south", "east", "west", "new", "latin", "central", "middle", "america", "americas",
	"europe", "africa", "asia", "caribbean", "pacific", "atlantic", "strike", "carrier",
	"reuters", "uss", "hms", "times", "guardian", "telegraph", "tribune", "herald", "gazette",
	"daily", "weekly", "magazine", "review", "fund", "trust", "authority", "bureau", "agency",
	"council", "systems", "holdings", "partners", "capital", "energy", "oil", "airways",
	"stadium", "park", "hall", "tower", "bridge", "palace", "square", "plaza", "mall", "hotel",
	"restaurant", "bar", "market", "exchange", "index", "dollar", "euro", "act", "bill", "law",
	"treaty", "accord", "agreement", "plan", "program", "programme", "project", "initiative",
	"operation", "mission", "summit", "conference", "forum", "olympics", "olympic", "open",
	"grand", "prix", "tour", "google", "apple", "microsoft", "amazon", "facebook", "twitter",
	"instagram", "youtube", "tiktok", "netflix", "disney", "saint",
	"san", "santa", "los", "las", "fort", "port", "mount", "cape", "el", "le", "la", "democratic",
	"republican", "socialist", "communist", "liberal", "conservative", "labour", "green",
	"alliance", "coalition", "movement", "front", "brigade", "cartel", "gang", "military",
	"pentagon", "kremlin", "vatican", "ai", "research", "science", "sciences", "studies",
	"technology", "health", "medicine", "affairs", "relations", "development", "management",
	"policy", "economics", "engineering", "physics", "security", "intelligence", "justice",
	"finance", "ventures", "solutions", "communications", "marketing", "sports", "productions",
	"pictures", "robotics", "aerospace", "pharmaceuticals", "therapeutics", "analytics",
	"consulting", "insurance", "investments", "equities", "securities", "markets", "realty",
	"properties", "airways", "railways", "mobile", "digital", "software", "labs", "lab",
	"laboratory", "laboratories", "observatory", "directorate", "ministry", "centre", "tank")

// SkipBetween may stand between a subject and its cue verb ("Petro later
// said", "she has repeatedly said", "the ministry on Tuesday said").
var SkipBetween = set("has", "have", "had", "would", "will", "could", "should", "may", "might",
	"also", "later", "then", "previously", "recently", "once", "again", "further", "earlier",
	"already", "last", "on", "this", "week", "month", "year", "today", "yesterday", "tonight",
	"morning", "evening", "night", "afternoon", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "had", "did", "does", "do", "not", "never", "often",
	"always", "still", "just", "first", "soon", "even", "too", "is", "was", "were", "are",
	"has", "been", "being", "subsequently", "separately", "publicly", "privately", "instead",
	"reportedly", "repeatedly", "immediately", "quickly", "finally", "simply", "only")

// LeadAdverbial open a sentence with a phrase that is not its subject.
var LeadAdverbial = set("in", "on", "at", "during", "after", "before", "since", "when",
	"while", "as", "although", "though", "because", "despite", "earlier", "later", "last",
	"this", "meanwhile", "however", "speaking", "asked", "addressing", "according", "following",
	"amid", "under", "with", "without", "for", "from", "by", "until", "once", "if", "unlike",
	"like", "over", "throughout", "within", "writing", "responding", "reacting", "announcing",
	"earlier", "yesterday", "today", "now", "then", "still", "instead", "separately", "also",
	"in", "back", "even", "days", "weeks", "months", "years", "hours", "two", "three")

// LeadConj are sentence-initial conjunctions skipped before the subject.
var LeadConj = set("but", "and", "yet", "so", "still", "now", "then", "also", "meanwhile",
	"however", "indeed", "instead", "later", "earlier")

// ClauseStop end a noun phrase being read backwards or forwards.
var ClauseStop = set("that", "which", "who", "whom", "whose", "and", "or", "but", "is", "was",
	"were", "are", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could",
	"should", "may", "might", "must", "to", "not", "if", "when", "while", "because", "as",
	"than", "then", "so", "also", "after", "before", "since", "until", "in", "on", "by", "with",
	"from", "into", "about", "during", "under", "over", "against", "through", "without", "said",
	"says", "do", "does", "did", "it", "he", "she", "they", "we", "i", "you", "there", "here",
	"where", "why", "how", "what", "like", "just", "even", "only", "still", "very", "too",
	"there's", "it's", "what's", "whether", "though", "although", "per", "via", "later",
	"previously", "recently", "earlier", "already", "never", "often", "always", "soon")

// OrgHeads head a description of an organisation ("the ministry").
var OrgHeads = set("company", "firm", "group", "ministry", "agency", "government",
	"administration", "department", "office", "embassy", "military", "army", "court", "council",
	"committee", "board", "campaign", "team", "club", "league", "party", "union", "coalition",
	"organization", "organisation", "association", "network", "outlet", "newspaper", "paper",
	"magazine", "channel", "station", "broadcaster", "website", "site", "publication", "label",
	"studio", "band", "brand", "bank", "fund", "university", "school", "hospital", "institute",
	"foundation", "commission", "authority", "regulator", "service", "city", "state", "country",
	"nation", "county", "province", "region", "kremlin", "pentagon", "police", "retailer",
	"maker", "carrier", "airline", "giant", "startup", "developer", "publisher", "prosecutors",
	"watchdog", "body", "center", "centre", "institution", "charity", "ngo", "family", "lab",
	"laboratory", "journal", "study", "report", "statement", "survey", "platform", "app")

// DescPreps may sit inside a description ("a spokesperson for the ministry").
var DescPreps = set("for", "of", "at")

// NounGender is the gender a role noun gives ("the spokeswoman … she").
var NounGender = map[string]byte{"man": 'm', "woman": 'f', "boy": 'm', "girl": 'f', "mother": 'f',
	"father": 'm', "husband": 'm', "wife": 'f', "son": 'm', "daughter": 'f', "brother": 'm',
	"sister": 'f', "spokesman": 'm', "spokeswoman": 'f', "chairman": 'm', "chairwoman": 'f',
	"actress": 'f', "grandmother": 'f', "grandfather": 'm', "uncle": 'm', "aunt": 'f', "nephew": 'm',
	"niece": 'f', "king": 'm', "queen": 'f', "prince": 'm', "princess": 'f', "businessman": 'm',
	"businesswoman": 'f', "congressman": 'm', "congresswoman": 'f', "policeman": 'm',
	"policewoman": 'f', "fisherman": 'm', "widow": 'f', "widower": 'm', "girlfriend": 'f',
	"boyfriend": 'm', "mum": 'f', "mom": 'f', "dad": 'm', "grandson": 'm', "granddaughter": 'f',
	"stepfather": 'm', "stepmother": 'f', "fiancé": 'm', "fiancée": 'f', "councilman": 'm',
	"councilwoman": 'f', "assemblyman": 'm', "assemblywoman": 'f', "headmaster": 'm', "headmistress": 'f'}

var GenSuffix = set("jr", "sr", "ii", "iii", "iv")

// LocPreps tie a role to a place or body ("spokesman for", "analyst at").
var LocPreps = set("for", "of", "at", "in", "from", "with")

// OrgJoin join the words of an organisation's name ("Bank of England",
// "Centre for Economic Policy Research").
var OrgJoin = set("of", "for", "on")

// PhrasalCues attribute with their particle: "“…,” Renner went on".
var PhrasalCues = map[string]string{"went": "on", "goes": "on", "carried": "on", "chimed": "in",
	"shot": "back", "fired": "back", "hit": "back", "weighed": "in", "summed": "up", "spoke": "up",
	"cut": "in", "broke": "in", "piped": "up"}

// Hearsay report what someone is said to have done: "is reported to have
// told".
var Hearsay = set("reported", "said", "understood", "believed", "thought", "known", "alleged", "rumoured", "rumored")

// PassiveAux make the past participle after them passive.
var PassiveAux = set("been", "be", "being", "was", "were", "is", "are", "get", "got", "gets")

var ViaPreps = set("in", "on", "during", "via", "through")

// HopAdj are the words, with their preposition, that tie a source to what
// it knows: "a source close to the talks", "people familiar with the matter".
var HopAdj = map[string]string{"close": "to", "familiar": "with", "briefed": "on", "involved": "in",
	"knowledgeable": "about", "loyal": "to"}

// Indefinite stand for an unnamed someone on their own: "one said",
// "said another", "others argued".
var Indefinite = set("one", "another", "other", "others", "some", "many", "several", "both", "most", "few")

// AnyNameHeads describe an organisation whose name need not hold the noun.
var AnyNameHeads = set("company", "firm", "group", "newspaper", "paper", "outlet", "club", "team",
	"band", "label", "airline", "carrier", "retailer", "startup", "giant", "maker", "network",
	"broadcaster", "charity", "brand", "app", "platform", "website", "site", "publisher", "station",
	"channel", "studio", "magazine", "publication", "developer", "lender", "insurer", "chain",
	"operator", "manufacturer", "supplier", "organisation", "organization", "ngo")

// ScareWords name a word rather than quote a speaker: "the so-called
// “peace dividend”", "the word “trust”", "known as “quiet quitting”".
var ScareWords = set("so-called", "word", "words", "term", "phrase", "slogan", "label", "nickname",
	"motto", "hashtag", "titled", "entitled", "named", "dubbed", "known", "as")

// CompanyAgents are agent nouns that describe a company as often as a
// person: "Dräger, a global producer of medical technology".
var CompanyAgents = set("producer", "provider", "maker", "developer", "supplier", "manufacturer",
	"publisher", "distributor", "retailer", "operator", "lender", "insurer", "carrier", "broadcaster",
	"exporter", "importer", "builder", "seller", "vendor", "processor", "refiner", "miner", "grower",
	"wholesaler", "shipper", "owner", "investor", "buyer")
