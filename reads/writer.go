package reads

import (
	"context"
	"log/slog"
	"time"

	"gazette/data"
)

// Writer writes a Counter's views to the store every Every and keeps KeepDays days.
type Writer struct {
	Counter  *Counter
	Store    *data.Store
	Every    time.Duration
	KeepDays int
	Log      *slog.Logger
}

// Run writes batches until ctx ends, then writes what is left once more, so a shutdown loses
// no counted view.
func (w Writer) Run(ctx context.Context) {
	tick := time.NewTicker(w.Every)
	defer tick.Stop()
	lastPrune := ""
	for {
		select {
		case <-ctx.Done():
			final, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			w.Flush(final)
			cancel()
			return
		case <-tick.C:
			w.Flush(ctx)
			if day := data.ReadsDay(w.Store.Now()); day != lastPrune {
				lastPrune = day
				first := data.ReadsDay(w.Store.Now().AddDate(0, 0, -w.KeepDays+1))
				if err := w.Store.PruneReads(ctx, first); err != nil {
					w.Log.Error("reading figures: prune", "err", err)
				}
			}
		}
	}
}

// Flush writes the views counted so far as today's. Referrers are cleaned here, off the
// serving path; a batch that cannot be written is logged and dropped (figures, not records).
func (w Writer) Flush(ctx context.Context) {
	batch := w.Counter.Take()
	for i := range batch {
		batch[i].Referrer = data.CleanDomain(batch[i].Referrer)
	}
	if _, err := w.Store.AddReads(ctx, data.ReadsDay(w.Store.Now()), batch); err != nil {
		w.Log.Error("reading figures: write", "err", err, "paths", len(batch))
	}
}
