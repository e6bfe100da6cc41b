package adjudicate

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model/adjudicate"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Duplicate pairs are decided by giving gold one version's label; a
// version without a label is no decision (the pair can be labelled on the
// duplicates screen instead).

// pairOp gives gold label l for pair p.
func pairOp(p adjudicate.Pair, v adjudicate.PairVersion) store.Op {
	return store.Op{Kind: store.OpSetDupLabel, A: p.A, B: p.B, DupLabel: v.Label}
}

// takePair decides the pair shown: version v's label.
func (s *Screen) takePair(v int) tea.Cmd {
	p, _ := s.currentPair()
	if v < 0 || v >= len(p.Versions) || p.Versions[v].Label == "" {
		s.f.Host.Report(ui.Info("A pair is decided by a label: take a version that has one (" + ui.KeyName(s.f.Ctx.Keys.Dups) + " opens the duplicates screen to label it yourself)"))
		return nil
	}
	ver := p.Versions[v]
	if s.goldPairs[p.Pair] == ver.Label {
		s.f.Host.Report(ui.Info("Gold already labels the pair " + string(ver.Label)))
		return nil
	}
	j := &session.Job{Kind: session.Do, Focus: -1,
		Done: fmt.Sprintf("Gold: %s and %s are %s (%s's)", ui.Clip(p.A, 30), ui.Clip(p.B, 30), ver.Label, names(ver.Layers))}
	j.Act = store.Action{Name: "adjudicate pair: " + string(ver.Label), Ops: []store.Op{pairOp(p.Pair, ver)}}
	s.pending = j
	return s.f.Sess.Enqueue(j)
}

// pairPanel describes the pair shown.
func (s *Screen) pairPanel(p adjudicate.PairItem, pos int) []string {
	state := "undecided"
	switch {
	case p.Decided && p.Choice >= 0:
		state = "decided: " + versionLetter(p.Choice) + "'s"
	case p.Decided:
		state = "decided in gold: " + string(p.Gold)
	}
	kind := "duplicate pair"
	if p.Agreed {
		kind = "duplicate pair every layer labels alike, not in gold"
	}
	out := []string{fmt.Sprintf(" %d of %d · %s %s ↔ %s · %s", pos, len(s.steps), kind, ui.Clip(p.A, 30), ui.Clip(p.B, 30), state)}
	keys := s.f.Ctx.Keys.AdjTakes
	for i, v := range p.Versions {
		k := " "
		if i < len(keys) {
			k = ui.KeyName(keys[i])
		}
		label := string(v.Label)
		if label == "" {
			label = "— (no label)"
		}
		out = append(out, fmt.Sprintf("  %s  %s %s", ui.Fit(k, 5), ui.Fit(names(v.Layers), 20), label))
	}
	gold := "— (no label)"
	if p.Decided {
		gold = string(p.Gold)
	}
	out = append(out, fmt.Sprintf("  %s  %s %s", ui.Fit("", 5), ui.Fit("gold", 20), gold))
	return out[:min(len(out), s.panelH())]
}
