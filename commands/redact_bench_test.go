package commands_test

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkSharingText is the search a redaction makes for the other
// entries holding its texts (a note, the command typed, a phone number):
// it reads every free text of the history.
func BenchmarkSharingText(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			db := benchDB(b, n)
			texts := []string{"call Jane Roe on +254 700 123 456", "log kenya call Jane Roe on +254 700 123 456", "+254 700 123 456"}
			for b.Loop() {
				if _, err := db.SharingText(context.Background(), texts, []int64{1}, 21); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
