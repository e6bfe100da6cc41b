package corpus

import (
	"storydesk/model"
	"storydesk/model/clean"
)

// Reviewer corrections to the cleaner, on the loading side.
//
// The annotation store keeps corrections by article id and raw range. A
// Corpus whose Corrections hook is set cleans every article it loads with
// them, so the reader, `storydesk clean` and the changed-on-disk check all
// see the corrected text. A corrections.Index (data/store/corrections) is
// that hook: the corrections held in memory, because Stream would otherwise
// ask the store about every one of 100,000 articles.

// htmlCleaner cleans text an HTML extractor already took out of its page:
// the page-level pass is skipped (see clean.Cleaner.Extracted).
var (
	htmlCleaner  = &clean.Cleaner{Extracted: true}
	plainCleaner = &clean.Cleaner{}
)

// cleanerFor is the one place the loader picks its cleaner.
func cleanerFor(format string) *clean.Cleaner {
	if format == "html" {
		return htmlCleaner
	}
	return plainCleaner
}

// Reclean cleans a loaded article's raw text again, as the loader does for
// its format, with the given corrections. Its Text is what Load returns for
// the article once those corrections are stored, so the reader can move
// annotations onto it before committing a correction.
func Reclean(a *model.Article, corr []model.Correction) clean.Cleaned {
	return cleanerFor(a.Format).CleanWith(a.Raw, corr)
}

func (c *Corpus) corrections(id string) []model.Correction {
	if c.Corrections == nil {
		return nil
	}
	return c.Corrections(id)
}
