// Package corpus finds and reads the articles named on the command line:
// files, folders, globs and stdin in txt, Markdown, HTML and JSON lines
// (gzipped or not), and the embedded sample corpus. Open lists items without
// reading bodies; Load, Stream, StreamText and ForEach read them — decoded,
// sanitised (model.Sanitize: no byte from a file reaches the terminal as a
// control) and cleaned (with a reviewer's corrections, when the Corrections
// hook is set). FindDuplicates and Sign find the copies among a corpus's
// articles, caching signatures in a SignatureCache (the annotation store).
package corpus
