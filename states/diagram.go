package states

import "github.com/looplab/fsm"

// Diagram returns the transition table as a Mermaid state diagram, starting
// at Init. The output is deterministic (looplab/fsm sorts it), so
// docs/states.md is generated from it and a golden test keeps it current.
func Diagram() string {
	// VisualizeWithType fails only for an unknown type; MERMAID is known.
	out, _ := fsm.VisualizeWithType(NewMachine(Init), fsm.MERMAID)
	return out
}
