package transport

import (
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// Time is a timestamp as AWS JSON 1.1 carries it: seconds since the Unix
// epoch as a JSON number, with a fraction for sub-second precision.
type Time struct{ time.Time }

// NewTime returns a *Time for t, for the optional timestamp fields.
func NewTime(t time.Time) *Time { return &Time{t} }

// MarshalJSON encodes t as epoch seconds with millisecond precision.
func (t Time) MarshalJSON() ([]byte, error) {
	ms := t.UnixMilli()
	return json.Marshal(float64(ms) / 1000)
}

// UnmarshalJSON decodes epoch seconds, integral or fractional; null leaves t
// unchanged, as encoding/json expects.
func (t *Time) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("transport: timestamp: %w", err)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e12 {
		return fmt.Errorf("transport: timestamp %v out of range", f)
	}
	sec, frac := math.Modf(f)
	t.Time = time.Unix(int64(sec), int64(math.Round(frac*1e3))*int64(time.Millisecond)).UTC()
	return nil
}
