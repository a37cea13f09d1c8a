package delivery

import (
	"context"
	"errors"
	"time"

	"github.com/overlegplanner/overlegplanner/domain"
	"github.com/overlegplanner/overlegplanner/i18n"
)

// Transport delivers messages: the organisation's mail server (SMTP) or a
// folder of .eml files (EMLDir).
type Transport interface {
	// Channel is how messages leave, for the send log.
	Channel() domain.SendChannel
	// Deliver delivers one message, data being m written as RFC 5322
	// text. An error that wraps ErrFatal means that no further message
	// can get through either (the server is unreachable, the password is
	// wrong); any other error concerns this message only (a refused
	// address).
	Deliver(ctx context.Context, m *Message, data []byte) error
	// Close ends the session (QUIT).
	Close() error
}

// ErrFatal marks a delivery error after which the rest of a batch is not
// tried: every attempt would fail the same way, and repeated wrong
// passwords can lock the account.
var ErrFatal = errors.New("delivery: verbinding onbruikbaar")

// Recorder keeps the send log; *store.Store is one.
type Recorder interface {
	RecordSends(ctx context.Context, rs []domain.SendRecord) error
}

// SendOptions control Send.
type SendOptions struct {
	// Recorder keeps the log; nil keeps none (tests, a preview).
	Recorder Recorder
	// Now is the clock of the log; nil means time.Now.
	Now func() time.Time
	// Progress is called after each message with how many of total are
	// done, for a progress bar; it may be nil.
	Progress func(done, total int)
}

// Outcome is what happened to one message.
type Outcome struct {
	To        []Address
	Subject   string
	MessageID string
	Result    domain.SendResult // "" when the message was not tried
	Err       error             // the reason of a failure, an *i18n.Error
}

// Report is what Send did.
type Report struct {
	Outcomes        []Outcome
	Delivered       int // messages sent or written
	Failed, Skipped int // messages refused, and messages not tried after a fatal error
}

// Send renders b's messages and delivers them through t, one by one,
// recording each in the send log as soon as the server has taken it or
// refused it: an interruption (a crash, a cancelled context) leaves a log
// that says exactly who got what, so the next plan sends only the rest.
//
// A failure is recorded as such and never counts as delivered. After a
// fatal error (see ErrFatal) the remaining messages are recorded as
// failed with the same reason and not tried. The returned error is nil
// when every message was delivered; otherwise it is the fatal error, or
// an *i18n.Error that says how many messages failed. The transport is
// not closed.
func Send(ctx context.Context, b Batch, t Transport, opt SendOptions) (Report, error) {
	clock := opt.Now
	if clock == nil {
		clock = time.Now
	}
	msgs, err := b.Messages()
	if err != nil {
		return Report{}, err
	}
	var rep Report
	var fatal error
	for i, m := range msgs {
		out := Outcome{To: m.To, Subject: m.Subject}
		if fatal == nil && ctx.Err() != nil {
			fatal = i18n.Errorf(ctx.Err(), "delivery.err.cancelled")
		}
		result, reason := domain.ResultFailed, fatal
		tried := fatal == nil
		if tried {
			data, err := m.Bytes()
			if err == nil {
				err = t.Deliver(ctx, m, data)
			}
			out.MessageID = m.MessageID
			switch {
			case err == nil && t.Channel() == domain.ChannelEML:
				result = domain.ResultWritten
			case err == nil:
				result = domain.ResultSent
			default:
				reason = err
				if errors.Is(err, ErrFatal) || ctx.Err() != nil {
					fatal = err
				}
			}
		}
		out.Result, out.Err = result, reason
		switch {
		case result.Delivered():
			rep.Delivered++
		case tried:
			rep.Failed++
		default:
			rep.Skipped++
		}
		if err := record(ctx, opt.Recorder, m, t.Channel(), clock(), result, reason); err != nil {
			rep.Outcomes = append(rep.Outcomes, out)
			return rep, err
		}
		rep.Outcomes = append(rep.Outcomes, out)
		if opt.Progress != nil {
			opt.Progress(i+1, len(msgs))
		}
	}
	switch {
	case fatal != nil:
		return rep, fatal
	case rep.Failed > 0:
		return rep, i18n.Errorf(nil, "delivery.err.partial", rep.Failed, len(msgs))
	}
	return rep, nil
}

// record writes the log rows of one message.
func record(ctx context.Context, rec Recorder, m *Message, ch domain.SendChannel, at time.Time, result domain.SendResult, reason error) error {
	if rec == nil || len(m.Records) == 0 {
		return nil
	}
	rows := make([]domain.SendRecord, len(m.Records))
	for i, r := range m.Records {
		r.Channel, r.MessageID, r.At, r.Result = ch, m.MessageID, at, result
		if reason != nil {
			r.Error = i18n.UserMessage(reason)
		}
		rows[i] = r
	}
	// The message went out: its record must be kept even when the user
	// cancels right now.
	if err := rec.RecordSends(context.WithoutCancel(ctx), rows); err != nil {
		if result.Delivered() {
			return i18n.Errorf(err, "delivery.err.unlogged", m.Subject)
		}
		return err
	}
	return nil
}
