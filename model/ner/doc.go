// Package ner finds the names of people, organisations and places in news
// text and learns from an annotator's corrections. It is pure Go and does no
// I/O: text comes in as strings, training data as io.Readers, the shipped
// weights are embedded (weights.bin, written by go run ./internal/nertrain).
//
// # Tokens
//
// Tokenize cuts text the way news needs: a possessive 's or ’s and the
// apostrophe of s' are tokens of their own, punctuation is split off, and
// hyphenated words, abbreviations (U.S., Jr., Sen.), numbers (1,000.5),
// URLs, e-mail addresses, @handles and #hashtags stay whole. Offsets are
// Unicode code points, as everywhere in storydesk. Sentences splits on the
// same tokens; Snap fits an annotator's selection to them, so tagging
// "Colombia's" gives "Colombia".
//
// # The tagger
//
// A linear-chain model over BILOU tags (Begin, Inside, Last, Outside,
// Unit), trained as an averaged structured perceptron and decoded with
// Viterbi under the BILOU constraints, so it never emits an I without its
// B. Each token's features (hashed to 64-bit keys) are: its word in lower
// case and as written, its shape (Xxxxx, dd, X.X.) long and collapsed,
// prefixes and suffixes of 1–4 letters, the words two either side, word
// and shape pairs with its neighbours, whether it opens the sentence or
// follows an opening quote or colon, the sentence's mode (ordinary, headline
// case, capitals, lower case) with its shape, gazetteer names it is in and
// next to, and two document features: the word is capitalised here but in
// lower case elsewhere in the document, and the label most other
// occurrences of it got in a first pass (the document is tagged twice).
// After tagging, a consistency pass tags other occurrences of the names the
// document found, and a person's surname alone (see propagate). A name
// loses lower-case last words ("the Caribbean region" gives Caribbean)
// unless the model learned that word as the end of names of its label
// more often than as the word after one ("the Sinaloa cartel", "the Trump
// administration"): the counts come from an annotator's training and
// Update, so their own tags teach them; the shipped model has none
// (tails.go).
//
// # Labels
//
// The training data's PER, ORG, LOC and MISC become PERSON, ORG, GPE or
// LOC, and NORP or MISC (see mapCoNLL). GPE is a place with a government
// (country, state, province, city); LOC is any other place (continent, sea,
// river, mountain, region such as the Caribbean). The gazetteer decides for
// the places it holds, a feature word decides for names like Lake Volta or
// the Mekong River, and the model decides the rest (see placeLabel). MISC is
// learned, so works and events are not taken for organisations, but never
// suggested. Titles are not part of a person's name, nor "the" or a
// possessive of any name. A model taught other labels (EVENT, FAC…) by an
// annotator suggests those too, up to 15 labels.
//
// # Scores
//
// Entity.Score is the probability that exactly this span with this label
// is right, read from forward–backward over the tagger's scores taken as a
// CRF's, at a temperature fitted on held-out training documents. A name
// added by the consistency pass takes the score of the name it repeats.
//
// # Learning from the annotator
//
// Train learns from Docs from scratch or continuing from a model (Base);
// Update makes a few quick perceptron passes over new Docs in place. A Doc
// that is Complete says every name in it is among its Spans, so the rest
// is taught as not a name. A rejected suggestion is fed back either as part
// of a Complete doc without that span, or, when the doc is not complete,
// in Doc.Rejected: the model then learns that exactly that span is not
// that label, and nothing else of the doc. Tag, Update and Marshal may run
// from many goroutines; Update holds the others off while it runs, so the
// reader should Update a Clone off its update loop and swap it in.
//
// # Gazetteer
//
// gazetteer.txt lists countries, their peoples, states and provinces,
// capitals and large cities, seas, rivers, mountains and regions, religious
// and political groups, person titles and institutions (no companies and no
// people). It was written by hand for storydesk from general knowledge and
// is licensed with the project.
package ner
