package store

import "context"

// Unreviewed counts, per article, the imported annotations nobody has
// reviewed yet: entity spans that still carry their source ("import:FILE"),
// and accepted quotations that do. Accepting, relabelling or editing one
// in the reader clears its source; deleting it removes it. Articles with
// none are left out.
func (s *SQLite) Unreviewed(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, count(*) FROM (
		SELECT article_id FROM spans WHERE annotator = ? AND source != ''
		UNION ALL
		SELECT article_id FROM quotes WHERE annotator = ? AND source != '' AND status = 'accepted'
	) AS u GROUP BY article_id`, s.annotator, s.annotator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
