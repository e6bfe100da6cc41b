// Package clean separates an article's prose from the furniture a scraper
// picked up (headlines, bylines, captions, share rows, related links, page
// menus): Clean gives the body text, what was removed and why (model.Removed),
// and the metadata found on the way. A reviewer's model.Correction overrides
// it paragraph by paragraph (Cleaner.CleanWith).
//
// It is rules over measured paragraphs, no I/O; ShingleScore measures it
// against hand-made bodies.
package clean
