package srp

import (
	"errors"
	"testing"
	"time"
)

func TestFormatTimestamp(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*60*60)
	newYork := time.FixedZone("EST", -5*60*60)
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"single-digit day", time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC), "Tue Mar 5 07:08:09 UTC 2024"},
		{"double-digit day", time.Date(2019, 4, 16, 8, 43, 29, 0, time.UTC), "Tue Apr 16 08:43:29 UTC 2019"},
		{"midnight", time.Date(2000, 2, 1, 0, 0, 0, 0, time.UTC), "Tue Feb 1 00:00:00 UTC 2000"},
		{"noon", time.Date(2018, 7, 10, 12, 0, 0, 0, time.UTC), "Tue Jul 10 12:00:00 UTC 2018"},
		{"afternoon is 24-hour", time.Date(2023, 9, 5, 15, 4, 5, 0, time.UTC), "Tue Sep 5 15:04:05 UTC 2023"},
		{"last second of a day", time.Date(2022, 12, 31, 23, 59, 59, 0, time.UTC), "Sat Dec 31 23:59:59 UTC 2022"},
		{"leap day", time.Date(2024, 2, 29, 1, 2, 3, 0, time.UTC), "Thu Feb 29 01:02:03 UTC 2024"},
		{"nanoseconds dropped", time.Date(2024, 1, 1, 0, 0, 0, 999999999, time.UTC), "Mon Jan 1 00:00:00 UTC 2024"},
		{"east of UTC, previous UTC day", time.Date(2024, 3, 1, 8, 30, 0, 0, tokyo), "Thu Feb 29 23:30:00 UTC 2024"},
		{"west of UTC, next UTC year", time.Date(2022, 12, 31, 20, 0, 0, 0, newYork), "Sun Jan 1 01:00:00 UTC 2023"},
		{"Local zone", time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC).Local(), "Tue Mar 5 07:08:09 UTC 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FormatTimestamp(tt.in)
			if got != tt.want {
				t.Errorf("FormatTimestamp = %q, want %q", got, tt.want)
			}
			back, err := ParseTimestamp(got)
			if err != nil || !back.Equal(tt.in.Truncate(time.Second)) {
				t.Errorf("ParseTimestamp(%q) = %v, %v; want %v", got, back, err, tt.in)
			}
		})
	}
}

func TestParseTimestampRejects(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrEmpty},
		{"zero-padded day", "Tue Mar 05 07:08:09 UTC 2024", ErrMalformedTimestamp},
		{"wrong weekday", "Wed Mar 5 07:08:09 UTC 2024", ErrMalformedTimestamp},
		{"12-hour clock", "Tue Mar 5 3:04:05 UTC 2024", ErrMalformedTimestamp},
		{"hour 24", "Tue Mar 5 24:00:00 UTC 2024", ErrMalformedTimestamp},
		{"other zone", "Tue Mar 5 07:08:09 GMT 2024", ErrMalformedTimestamp},
		{"lower case", "tue mar 5 07:08:09 UTC 2024", ErrMalformedTimestamp},
		{"long names", "Tuesday March 5 07:08:09 UTC 2024", ErrMalformedTimestamp},
		{"two spaces", "Tue Mar  5 07:08:09 UTC 2024", ErrMalformedTimestamp},
		{"trailing space", "Tue Mar 5 07:08:09 UTC 2024 ", ErrMalformedTimestamp},
		{"not a date", "yesterday", ErrMalformedTimestamp},
		{"too long", "Tue Mar 5 07:08:09 UTC 2024                                         ", ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTimestamp(tt.in)
			if !errors.Is(err, tt.want) {
				t.Errorf("ParseTimestamp(%q) error = %v, want %v", tt.in, err, tt.want)
			}
		})
	}
}

func TestPoolName(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"us-east-1_AbC123", "AbC123", nil},
		{"eu-west-2_bBpjKlyj6", "bBpjKlyj6", nil},
		{"local_pool_1x", "1x", nil}, // \w in the region part includes "_"
		{"a_b", "b", nil},
		{"", "", ErrMalformedPoolID},
		{"us-east-1", "", ErrMalformedPoolID},
		{"_AbC123", "", ErrMalformedPoolID},
		{"us-east-1_", "", ErrMalformedPoolID},
		{"us-east-1_Ab-C", "", ErrMalformedPoolID},
		{"us east 1_AbC", "", ErrMalformedPoolID},
		{"us-east-1_AbC\n", "", ErrMalformedPoolID},
		{"us-east-1_Ab\u00e9", "", ErrMalformedPoolID},
		{"us-east-1_" + string(make([]byte, 50)), "", ErrTooLong},
	}
	for _, tt := range tests {
		got, err := PoolName(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("PoolName(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}
