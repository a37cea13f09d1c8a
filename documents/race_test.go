//go:build race

package documents

const raceEnabled = true
