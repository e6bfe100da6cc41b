package ner

// Tag finds the names in text. Entities come in text order and do not
// overlap; none starts or ends with punctuation or a possessive.
func (m *Model) Tag(text string) []Entity { return m.tag(text, nil) }

// tag tags text cut into toks (nil: Tokenize).
func (m *Model) tag(text string, toks []tok) []Entity {
	m.mu.RLock()
	defer m.mu.RUnlock()
	d := statePool.Get().(*docState)
	defer statePool.Put(d)
	d.prepare(text, toks)
	if len(d.toks) == 0 {
		return nil
	}
	d.resolveTable(&m.feats)
	d.emit(m)
	d.decode(m)
	return m.entities(d, nil)
}

// resolveTable maps the keys to the rows of a trained table.
func (d *docState) resolveTable(ft *featTable) {
	d.rows = growI32(d.rows, len(d.keys))
	for i, k := range d.keys {
		d.rows[i] = ft.get(k)
	}
}

// entities reads the names out of d's tags, scores them, and gives places
// their GPE or LOC class from the gazetteer when it knows them.
func (m *Model) entities(d *docState, out []Entity) []Entity {
	gpe, loc := m.labelIndex(LabelGPE), m.labelIndex(LabelLoc)
	var buf [16]uint64
	nt := d.nt
	for s := range d.sends {
		a, b := d.sentence(s)
		d.names = names(d.tags[a:b], d.names[:0])
		if len(d.names) == 0 {
			continue
		}
		d.probs = m.ts.marginals(d.em[a*nt:b*nt], m.trans, b-a, m.temp, d.tags[a:b], d.names, &d.fb, d.probs[:0])
		for j, nm := range d.names {
			if m.hidden[nm.label] {
				continue
			}
			f, l, ok := trimTokens(d.toks, a+nm.a, a+nm.b)
			if !ok {
				continue
			}
			label := m.labels[nm.label]
			if (nm.label == gpe || nm.label == loc) && gpe >= 0 && loc >= 0 && l-f <= len(buf) {
				hs := buf[:0]
				for i := f; i < l; i++ {
					hs = append(hs, d.infos[i].lower)
				}
				if c := placeClass(hs); c != "" {
					label = c
				}
			}
			out = append(out, Entity{
				Start: d.toks[f].s,
				End:   d.toks[l-1].e,
				Label: label,
				Text:  d.text[d.toks[f].bs:d.toks[l-1].be],
				Score: d.probs[j],
			})
		}
	}
	return out
}
