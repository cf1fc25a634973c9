package lint

import "fmt"

// DetectSituation reads the customer's message and returns Complaint when its
// complaint signals (anger, damage, delay, refund demands) reach the
// language's threshold, and "" otherwise. Each distinct signal counts once.
func (rs *RuleSet) DetectSituation(msg *Document) (string, error) {
	rs.signalsOnce.Do(func() {
		m := newMatcher()
		for i, s := range rs.Lang.Complaint.Signals {
			if err := m.add(s.Phrase, int32(i)); err != nil {
				rs.signalErr = fmt.Errorf("complaint signal: %w", err)
				return
			}
		}
		rs.signals = m
	})
	if rs.signalErr != nil {
		return "", rs.signalErr
	}
	threshold := rs.Lang.Complaint.Threshold
	if threshold <= 0 || len(rs.Lang.Complaint.Signals) == 0 {
		return "", nil
	}
	var sc scanner
	sc.reset(msg, false)
	sc.opts = wordOptions{hebrew: rs.Lang.Code == "he", stems: rs.signals.stems}
	var wk walker
	var hits []hit
	seen := make(map[int32]bool)
	score := 0
	for sc.next() {
		hits = rs.signals.step(&sc.w, sc.seg, &wk, hits[:0], nil)
		for _, h := range hits {
			if !seen[h.entry] {
				seen[h.entry] = true
				score += rs.Lang.Complaint.Signals[h.entry].Weight
			}
		}
		if score >= threshold {
			return Complaint, nil
		}
	}
	return "", nil
}
