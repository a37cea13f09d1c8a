// Package ui is the Fyne desktop app: one file per screen, a shell that
// navigates between them, and a State that holds the open database and a
// snapshot of its data. It talks to the core only through store, planning
// and documents; it contains no SQL and no planning rules of its own.
package ui

import (
	"context"
	"sync"
	"time"

	"github.com/overlegplanner/overlegplanner/date"
	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/planning"
	"github.com/overlegplanner/overlegplanner/store"
)

// State is what every screen works from: the open store, the current
// snapshot of the data, and the clock. Screens read the snapshot and write
// through the store; after a write they call Reload, which refreshes the
// snapshot and tells every subscribed screen to redraw.
type State struct {
	Store *store.Store
	Now   func() time.Time

	mu        sync.RWMutex
	data      *domain.Dataset
	index     *domain.Index
	planner   *planning.Planner
	listeners []func()
}

// NewState loads the snapshot from s.
func NewState(ctx context.Context, s *store.Store, now func() time.Time) (*State, error) {
	if now == nil {
		now = time.Now
	}
	st := &State{Store: s, Now: now}
	if err := st.load(ctx); err != nil {
		return nil, err
	}
	return st, nil
}

func (st *State) load(ctx context.Context) error {
	ds, err := st.Store.Dataset(ctx)
	if err != nil {
		return err
	}
	pl := planning.NewPlanner(ds)
	st.mu.Lock()
	st.data, st.index, st.planner = ds, pl.Index(), pl
	st.mu.Unlock()
	return nil
}

// Planner returns the planning engine over the current snapshot (rebuilt
// on every Reload, so it never answers from stale data).
func (st *State) Planner() *planning.Planner {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.planner
}

// Data returns the current snapshot. Callers must not modify it.
func (st *State) Data() (*domain.Dataset, *domain.Index) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.data, st.index
}

// Today returns today's date in Amsterdam.
func (st *State) Today() date.Date { return domain.DateOf(st.Now()) }

// Subscribe registers fn to run after every Reload (on the UI goroutine).
func (st *State) Subscribe(fn func()) {
	st.mu.Lock()
	st.listeners = append(st.listeners, fn)
	st.mu.Unlock()
}

// dropListeners forgets every subscriber. The shell calls it before it
// builds its screens anew (a language change rebuilds the window), so that
// the screens it replaces stop redrawing hidden widgets on every Reload.
func (st *State) dropListeners() {
	st.mu.Lock()
	st.listeners = nil
	st.mu.Unlock()
}

// Reload refreshes the snapshot from the store and notifies subscribers.
func (st *State) Reload(ctx context.Context) error {
	if err := st.load(ctx); err != nil {
		return err
	}
	st.mu.RLock()
	ls := append([]func(){}, st.listeners...)
	st.mu.RUnlock()
	for _, fn := range ls {
		fn()
	}
	return nil
}
