// Package quote finds quotations in an article's text and suggests who said
// them (Detect), and finds the other articles that carry a quotation
// (Matcher, FindCarriers). It reads English news prose by rule: nothing
// trained, no I/O, the same answer every time. Pairing the marks is done
// here; who said a quotation and its kind come from package speaker.
//
// Offsets are code points of the text given, as everywhere in storydesk;
// the kinds it reports are model.QuoteKind, which a stored model.QuoteAnn
// keeps.
package quote
