package clean

import "regexp"

// The words and patterns the shape tests match, and the dateline patterns.

// Calls to action: what a page asks the reader to do. Matched at the start
// of a short line, after bullets and arrows.
var ctaLead = []string{
	"read more", "read also", "also read", "read next", "read the full", "read full", "more:", "see also", "see more",
	"click here", "tap here", "click to", "sign up", "sign in", "log in", "subscribe", "subscribe now", "follow us", "follow me",
	"leave a comment", "add a comment", "post a comment", "join the conversation", "join the discussion", "comments",
	"show comments", "view comments", "scroll for next", "scroll to continue", "scroll down", "continue reading",
	"keep reading", "download the app", "download our app", "get the app", "get our", "don't miss", "do not miss",
	"watch:", "watch now", "watch the video", "listen:", "listen to this article", "listen now", "load more", "show more",
	"report an error", "send us feedback", "support our journalism", "support us", "donate", "become a member",
	"already a subscriber", "get the latest", "stay informed", "stay updated", "want more", "like this story",
	"enjoyed this article", "have a news tip", "got a tip", "write to us", "contact us", "click to read",
}

// Lines that announce a list of other stories.
var relatedLead = []string{
	"related", "related stories", "related articles", "related news", "related coverage", "related content",
	"more from", "more stories", "more news", "more on this", "more on", "more in", "more like this",
	"you may also like", "you might also like", "you may be interested", "recommended", "recommended stories",
	"recommended for you", "trending", "trending now", "top stories", "latest news", "latest stories", "most read",
	"most popular", "popular", "editor's picks", "editors' picks", "also in", "also on", "in other news",
	"what to read next", "read next", "also read", "read more", "read also", "see also", "don't miss",
}

var shareLead = []string{
	"share this", "share on", "share article", "share via", "share:", "share", "tweet this", "email this",
	"print this", "copy link", "copy the link", "share the story", "share story", "share to",
}

// socialWords are the only words of a share-button row.
var socialWords = map[string]bool{
	"facebook": true, "twitter": true, "x": true, "whatsapp": true, "email": true, "e-mail": true, "mail": true,
	"linkedin": true, "reddit": true, "telegram": true, "pinterest": true, "print": true, "copy": true,
	"link": true, "share": true, "messenger": true, "tumblr": true, "flipboard": true, "threads": true,
	"bluesky": true, "sms": true, "comment": true, "comments": true, "save": true, "gift": true, "article": true,
}

var adLines = map[string]bool{
	"advertisement": true, "advertising": true, "ad": true, "sponsored": true, "sponsored content": true,
	"story continues below": true, "story continues below advertisement": true, "continue reading below": true,
	"article continues below": true, "article continues below advertisement": true, "paid content": true,
	"partner content": true, "promoted": true, "ads": true,
}

// tagLead start a line of tags or topics.
var tagLead = []string{"tags", "tagged", "topics", "filed under", "categories", "category", "keywords", "more about", "explore more on these topics"}

// cookieButtons are the buttons of a consent banner.
var cookieButtons = map[string]bool{
	"accept": true, "accept all": true, "accept cookies": true, "accept all cookies": true, "reject all": true,
	"reject": true, "manage preferences": true, "manage cookies": true, "cookie settings": true,
	"cookie preferences": true, "i agree": true, "agree": true, "got it": true, "allow all": true,
	"allow cookies": true, "necessary only": true, "only necessary": true,
}

// agencies are news wire services and generic staff credits: a line that is
// only one of these is a byline.
var agencies = map[string]bool{
	"ap": true, "associated press": true, "the associated press": true, "reuters": true, "afp": true,
	"agence france-presse": true, "agence france presse": true, "bloomberg": true, "dpa": true, "efe": true,
	"ansa": true, "upi": true, "pti": true, "ani": true, "ians": true, "xinhua": true, "kyodo": true,
	"yonhap": true, "tass": true, "ria novosti": true, "anadolu": true, "anadolu agency": true, "aap": true,
	"press trust of india": true, "united press international": true, "europa press": true, "bernama": true,
	"antara": true, "wafa": true, "sputnik": true, "cp": true, "the canadian press": true, "canadian press": true,
	"agencies": true, "news agencies": true, "wire services": true, "staff": true, "staff reporter": true,
	"staff writer": true, "staff report": true, "our correspondent": true, "special correspondent": true,
	"news desk": true, "web desk": true, "online desk": true, "news service": true, "bloomberg news": true,
	"reuters staff": true, "ap staff": true, "afp staff": true, "associated press writer": true,
}

// roleWords mark a "Name, Role" credit line.
var roleWords = []string{"correspondent", "reporter", "writer", "editor", "contributor", "columnist", "staff", "desk", "bureau", "journalist"}

// nameJoiners may appear lower-case inside a person's name or a credit.
var nameJoiners = map[string]bool{
	"and": true, "de": true, "da": true, "del": true, "della": true, "di": true, "do": true, "dos": true,
	"van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "bin": true, "al": true,
	"el": true, "y": true, "e": true, "&": true, "in": true, "for": true, "with": true, "the": true, "of": true,
}

var monthSet = func() map[string]bool {
	m := make(map[string]bool, len(months))
	for _, w := range months {
		m[w] = true
	}
	return m
}()

var months = []string{
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}

var (
	// A photo credit closing a line: "(Photo | AP)", "(AP Photo/Jane Doe)", "[File photo]".
	reCaptionEnd = regexp.MustCompile(`(?i)[(\[]\s*(?:[\p{L}.]+\s+){0,2}(?:photo(?:graph)?s?|image|images|picture|pic|illustration|file\s+photo|credit|courtesy|screenshot|screengrab)\b[^()\[\]]{0,80}[)\]]$`)
	// A credit opening a line: "Photo: Reuters", "FILE PHOTO: …", "Image credit | X".
	reCaptionStart = regexp.MustCompile(`(?i)^(?:file\s+)?(?:photo(?:graph)?s?|image|picture|pic|illustration|graphic|photo credit|image credit|credit|file photo|video)\s*(?::|\||/|—|–|by\s)`)
	// A credit ending a line: "… Photo: Reuters", "… Getty Images", "… via Reuters".
	reCaptionTail = regexp.MustCompile(`(?i)(?:(?:^|[\s.|/])(?:photo(?:graph)?s?|image|picture|credit)\s*(?::|\||by\s)\s*[^\s.!?:]+(?:\s+[^\s.!?:]+){0,4}|getty\s+images?(?:\s+for\s+[^.!?]{1,40})?|shutterstock|\bvia\s+(?:getty|reuters|ap|afp|ap\s+photo|epa|bloomberg)\b[^.!?]{0,30}|\|\s*(?:ap|afp|reuters|epa|getty|ani|pti|ians|file))\s*\)?$`)
	// A numeric date or a time of day.
	reNumDate = regexp.MustCompile(`\b(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{1,2}:\d{2})\b`)
	// AP style: "FILE - President X speaks …"
	reCaptionFile = regexp.MustCompile(`^FILE\s*[-–—]\s`)

	// "— Jane Doe (@janedoe) November 11, 2025"
	reAttribution = regexp.MustCompile(`^[-–—―]+\s*[^()]{1,80}?\(\s*@[\p{L}\p{N}_]{1,30}\s*\)\s*(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}+\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*\.?$`)

	// Copyright notices.
	reCopyright = regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*(?:\d{4}|by\b|the\b)|\d{4}\s*©)`)
	reReproduce = regexp.MustCompile(`(?:may|must|shall|can)\s+not\s+be\s+(?:\w+,?\s+(?:or\s+)?){0,6}?(?:published|reproduced|redistributed|republished|rewritten|broadcast|copied)|do\s+not\s+(?:reproduce|republish|redistribute|copy)|(?:reproduction|republication|redistribution)\s+(?:\w+\s+){0,4}(?:prohibited|forbidden|not\s+permitted)|no\s+part\s+(?:\w+\s+){0,4}(?:may|can)\s+be\s+(?:reproduced|republished|copied)`)

	// Dateline prefixes of a lead paragraph (matched on its first line).
	// "WASHINGTON (Reuters) - ", "LONDON, Nov 3 (AFP) -", "Bogota, Nov. 11 (EFE): "
	reDatelineAgency = regexp.MustCompile(`^(\p{Lu}[^()\n]{1,60}?)[ \t\p{Zs}]*\(([\p{Lu}][\p{L}\-&. ]{0,30})\)[ \t\p{Zs}]*(?:--?|–|—|:)[ \t\p{Zs}]+`)
	// "BOGOTA, Colombia — ", "BOGOTA: ", "NEW DELHI, Nov 12 — "
	reDatelineCaps = regexp.MustCompile(`^(\p{Lu}[\p{Lu}\p{M}.'’\-]+(?:[ \t\p{Zs}]+\p{Lu}[\p{Lu}\p{M}.'’\-]+){0,3})(,[ \t\p{Zs}]*[^—–:\n]{2,40}?)?[ \t\p{Zs}]*(?:--?|–|—|:)[ \t\p{Zs}]+`)
	// "Bogota, Colombia — " (title case needs the comma part and a long dash)
	reDatelineTitle = regexp.MustCompile(`^(\p{Lu}[\p{Ll}\p{M}'’\-]+(?:[ \t\p{Zs}]+(?:\p{Lu}[\p{L}\p{M}'’\-]+|de|del|da|do|dos|am|an|upon|on|sur|la|le|el|of)){0,3}),[ \t\p{Zs}]*(\p{Lu}[\p{L}\p{M}.'’\-]*(?:[ \t\p{Zs}]+[\p{Lu}\d][\p{L}\p{M}\d.'’\-]*){0,2})[ \t\p{Zs}]*(?:–|—|--)[ \t\p{Zs}]+`)
)

// creditLines are whole lines that only say a picture is there.
var creditLines = map[string]bool{
	"file photo": true, "file image": true, "file picture": true, "file": true, "photo": true, "image": true,
	"representational image": true, "representational photo": true, "representative image": true,
	"image for representation": true, "photo for representation": true, "stock photo": true, "stock image": true,
	"illustration": true, "photo illustration": true, "getty images": true, "screenshot": true, "screengrab": true,
}

// creditLead are the first words of a line that opens with a photo credit.
var creditLead = []string{"photo", "photos", "photograph", "photographs", "image", "picture", "pic", "illustration",
	"graphic", "credit", "file", "video"}
