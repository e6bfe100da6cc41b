package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"storydesk/model"
)

// brat standoff (https://brat.nlplab.org/standoff.html): per article NAME.txt
// (the cleaned text, UTF-8) and NAME.ann, one annotation per line:
//
//	T1	PERSON 0 10	Ilse Varga           entity: type, start end (code points), text
//	T2	Quote 40 52;53 60	first line second  a quotation over a line break
//	A1	Kind T2 direct                       the quotation's kind
//	R1	Speaker Arg1:T2 Arg2:T1              the quotation's speaker entity
//	#1	AnnotatorNotes T2	speaker: Ilse Varga
//
// brat's offsets are Python string indices (code points). A line of the .ann
// cannot hold a line break, so a span that crosses one is written as a
// discontinuous span, one fragment per line of text, and its text field is
// the fragments joined by single spaces, as brat itself writes them. Entity
// types are brat "storage forms": characters outside [A-Za-z0-9_-] become
// '_'. annotation.conf declares the types seen, the Speaker relation, the
// Kind attribute, and lets quotations overlap entities.

type bratSink struct {
	env   *exportEnv
	dir   string
	types map[string]bool // entity types seen, for annotation.conf
	ann   bytes.Buffer
}

func newBratSink(env *exportEnv) *bratSink {
	return &bratSink{env: env, dir: env.opts.Out, types: map[string]bool{}}
}

func (s *bratSink) doc(d *outDoc) error {
	base := SafeFileBase(d.ArticleID)
	s.ann.Reset()
	s.writeAnn(d)
	wrap := s.env.opts.wrap
	txtTmp, err := writeFileAtomic(s.dir, base+".txt", [][]byte{[]byte(d.Text)}, wrap)
	if err != nil {
		return fmt.Errorf("export %s: %w", filepath.Join(s.dir, base+".txt"), err)
	}
	annTmp, err := writeFileAtomic(s.dir, base+".ann", [][]byte{s.ann.Bytes()}, wrap)
	if err != nil {
		os.Remove(txtTmp)
		return fmt.Errorf("export %s: %w", filepath.Join(s.dir, base+".ann"), err)
	}
	if err := os.Rename(txtTmp, filepath.Join(s.dir, base+".txt")); err != nil {
		os.Remove(txtTmp)
		os.Remove(annTmp)
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(annTmp, filepath.Join(s.dir, base+".ann")); err != nil {
		os.Remove(annTmp)
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func (s *bratSink) writeAnn(d *outDoc) {
	b := &s.ann
	off := d.offsets()
	t, notes := 0, 0
	tOf := make(map[int64]int, len(d.Spans))  // span id → T number
	tAt := make(map[[2]int]int, len(d.Spans)) // a span's range → T number
	for _, sp := range d.Spans {
		frags, text := bratFragments(d.Text, off, sp.Start, sp.End)
		if frags == "" {
			continue // nothing but line breaks: brat cannot show it
		}
		t++
		tOf[sp.ID] = t
		tAt[[2]int{sp.Start, sp.End}] = t
		typ := bratType(sp.Label)
		s.types[typ] = true
		fmt.Fprintf(b, "T%d\t%s %s\t%s\n", t, typ, frags, text)
		if sp.Canonical != "" && sp.Canonical != sp.Text {
			notes++
			fmt.Fprintf(b, "#%d\tAnnotatorNotes T%d\tcanonical: %s\n", notes, t, oneLineField(sp.Canonical))
		}
	}
	attrs, rels := 0, 0
	for _, q := range d.Quotes {
		frags, text := bratFragments(d.Text, off, q.Start, q.End)
		if frags == "" {
			continue
		}
		t++
		fmt.Fprintf(b, "T%d\tQuote %s\t%s\n", t, frags, text)
		if q.Kind != "" {
			attrs++
			fmt.Fprintf(b, "A%d\tKind T%d %s\n", attrs, t, bratType(string(q.Kind)))
		}
		if st, ok := tOf[q.SpeakerSpan]; ok && q.SpeakerSpan != 0 {
			rels++
			fmt.Fprintf(b, "R%d\tSpeaker Arg1:T%d Arg2:T%d\n", rels, t, st)
		}
		if q.Speaker != "" {
			notes++
			fmt.Fprintf(b, "#%d\tAnnotatorNotes T%d\tspeaker: %s\n", notes, t, oneLineField(q.Speaker))
		}
		// Where the text names the speaker: the entity span with that
		// range, else a Speaker_mention of its own.
		if q.HasMention() {
			qt := t
			mt, ok := tAt[[2]int{q.MentionStart, q.MentionEnd}]
			if !ok {
				frags, text := bratFragments(d.Text, off, q.MentionStart, q.MentionEnd)
				if frags == "" {
					continue
				}
				t++
				mt = t
				s.types[bratMention] = true
				fmt.Fprintf(b, "T%d\t%s %s\t%s\n", t, bratMention, frags, text)
			}
			rels++
			fmt.Fprintf(b, "R%d\tMention Arg1:T%d Arg2:T%d\n", rels, qt, mt)
		}
	}
}

// bratMention is the brat type of a speaker's mention that is not an
// entity span ("he", "a spokeswoman").
const bratMention = "Speaker_mention"

// bratFragments gives the offsets field of a text-bound annotation over
// [start, end) — "s e", or "s1 e1;s2 e2" when the range crosses line
// breaks — and its text field, the fragments joined by spaces.
func bratFragments(text string, off *model.Offsets, start, end int) (offsets, joined string) {
	var offs, txt strings.Builder
	seg := text[off.ByteAt(start):off.ByteAt(end)]
	pos := start
	for _, line := range strings.Split(seg, "\n") {
		n := model.RuneLen(line)
		if n > 0 {
			if offs.Len() > 0 {
				offs.WriteByte(';')
				txt.WriteByte(' ')
			}
			offs.WriteString(strconv.Itoa(pos))
			offs.WriteByte(' ')
			offs.WriteString(strconv.Itoa(pos + n))
			txt.WriteString(line)
		}
		pos += n + 1
	}
	return offs.String(), txt.String()
}

// bratType is brat's storage form of a type name.
func bratType(label string) string {
	var b strings.Builder
	for _, r := range label {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "ENTITY"
	}
	return b.String()
}

// oneLineField folds a note onto one .ann line.
func oneLineField(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func (s *bratSink) finish() error {
	var b bytes.Buffer
	b.WriteString("# Written by storydesk export: the entity labels of this export,\n# quotations, their kind, and who said them.\n[entities]\n")
	types := make([]string, 0, len(s.types))
	for t := range s.types {
		if t != "Quote" {
			types = append(types, t)
		}
	}
	sort.Strings(types)
	for _, t := range types {
		b.WriteString(t + "\n")
	}
	b.WriteString("Quote\n\n[relations]\nSpeaker\tArg1:Quote, Arg2:<ENTITY>\nMention\tArg1:Quote, Arg2:<ENTITY>\n")
	b.WriteString("# Quotations contain names and each other: let spans overlap.\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n")
	b.WriteString("Kind\tArg:Quote, Value:direct|partial|paraphrase|scare\n")
	tmp, err := writeFileAtomic(s.dir, "annotation.conf", [][]byte{b.Bytes()}, s.env.opts.wrap)
	if err == nil {
		err = os.Rename(tmp, filepath.Join(s.dir, "annotation.conf"))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("export %s: %w", filepath.Join(s.dir, "annotation.conf"), err)
	}
	return nil
}

// abort has nothing to remove: each article's files are written whole or
// not at all by doc.
func (s *bratSink) abort() {}
