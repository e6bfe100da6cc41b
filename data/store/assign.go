package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"

	"storydesk/model"
)

// Assignments: a curator gives each article to k annotators (storydesk
// assign). An assignment is a row of the annotator's layer (statuses,
// assigned = 1): the article is in their list, first while unfinished.

// AssignStats says what Assign did.
type AssignStats struct {
	Given    map[string]int // new assignments per annotator
	Kept     int            // assignments that were there already
	Reopened int            // done articles sent back for correction (reopen)
	Short    int            // articles with fewer than k annotators to give them to
}

// Assign gives each article to k of annotators, balanced: those who hold
// it already keep it, and the rest go to whoever has the fewest
// assignments (ties by name). Articles the store does not hold are
// snapshotted. With reopen, an assigned annotator who had marked the
// article done gets it back as in progress (sent back for correction). One
// transaction: all or nothing.
func (s *SQLite) Assign(ctx context.Context, arts []*model.Article, annotators []string, k int, reopen bool) (AssignStats, error) {
	st := AssignStats{Given: map[string]int{}}
	if err := s.viewOnly(); err != nil {
		return st, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return st, err
	}
	defer tx.Rollback()
	count := map[string]int{}
	for _, a := range annotators {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM statuses WHERE annotator = ? AND assigned = 1`, a).Scan(&n); err != nil {
			return st, err
		}
		count[a] = n
	}
	now := s.stamp()
	var changed []string
	for _, art := range arts {
		if err := s.insertSnapshot(ctx, tx, art, ""); err != nil {
			return st, err
		}
		var holders, free []string
		for _, a := range annotators {
			var assigned int
			err := tx.QueryRowContext(ctx, `SELECT assigned FROM statuses WHERE annotator = ? AND article_id = ?`, a, art.ID).Scan(&assigned)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return st, err
			}
			if assigned == 1 {
				holders = append(holders, a)
			} else {
				free = append(free, a)
			}
		}
		st.Kept += len(holders)
		sort.SliceStable(free, func(i, j int) bool {
			if count[free[i]] != count[free[j]] {
				return count[free[i]] < count[free[j]]
			}
			return free[i] < free[j]
		})
		need := k - len(holders)
		if need > len(free) {
			st.Short++
			need = len(free)
		}
		for _, a := range free[:max(need, 0)] {
			if _, err := tx.ExecContext(ctx, `INSERT INTO statuses(annotator, article_id, status, assigned, updated_at) VALUES (?, ?, 'new', 1, ?)
				ON CONFLICT(annotator, article_id) DO UPDATE SET assigned = 1, updated_at = excluded.updated_at`, a, art.ID, now); err != nil {
				return st, err
			}
			count[a]++
			st.Given[a]++
			holders = append(holders, a)
		}
		if reopen {
			for _, a := range holders {
				res, err := tx.ExecContext(ctx, `UPDATE statuses SET status = 'in-progress', updated_at = ? WHERE annotator = ? AND article_id = ? AND status = 'done'`, now, a, art.ID)
				if err != nil {
					return st, err
				}
				if n, _ := res.RowsAffected(); n > 0 {
					st.Reopened++
				}
			}
		}
		changed = append(changed, art.ID)
	}
	if err := s.logChanges(ctx, tx, changed); err != nil {
		return st, err
	}
	return st, tx.Commit()
}

// Progress is one annotator's assigned work.
type Progress struct {
	Annotator string
	Assigned  int // articles assigned
	Done      int // of those, marked done
	Annotated int // articles in the layer with at least one span
}

// Assigned lists the articles assigned to the store's annotator, with
// whether each is done: the reader lists the unfinished ones first.
func (s *SQLite) Assigned(ctx context.Context) (map[string]model.Status, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, status FROM statuses WHERE annotator = ? AND assigned = 1`, s.annotator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]model.Status{}
	for rows.Next() {
		var id, status string
		if err := rows.Scan(&id, &status); err != nil {
			return nil, err
		}
		out[id] = model.Status(status)
	}
	return out, rows.Err()
}

// TeamProgress is every annotator's progress, by name.
func (s *SQLite) TeamProgress(ctx context.Context) ([]Progress, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT st.annotator,
		sum(CASE WHEN st.assigned = 1 THEN 1 ELSE 0 END),
		sum(CASE WHEN st.assigned = 1 AND st.status = 'done' THEN 1 ELSE 0 END),
		sum(CASE WHEN EXISTS (SELECT 1 FROM spans sp WHERE sp.annotator = st.annotator AND sp.article_id = st.article_id) THEN 1 ELSE 0 END)
		FROM statuses st GROUP BY st.annotator ORDER BY st.annotator`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Progress
	for rows.Next() {
		var p Progress
		if err := rows.Scan(&p.Annotator, &p.Assigned, &p.Done, &p.Annotated); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
