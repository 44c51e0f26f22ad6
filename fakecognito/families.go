package fakecognito

import "time"

// Token families are indexed by user and by client, so that signing a user
// out, deleting a user, a client or a pool touches that user's or client's
// families only, never every family of the fake; and each (user, client)
// keeps at most maxFamiliesPerUserClient of them, so that a test with a
// frozen clock, where nothing ever expires, does not grow without bound.

// maxFamiliesPerUserClient bounds the sign-ins a user keeps per app client.
// Past it the oldest revoked or expired family goes first, then the oldest.
// Cognito documents no such limit; real refresh tokens are JWEs that stay
// valid until they expire, so a client that signs in more than 200 times
// without signing out loses its oldest refresh tokens here only.
const maxFamiliesPerUserClient = 200

// familyIndex finds the families of a user and of a client. It is rebuilt
// on Load, never saved.
type familyIndex struct {
	byUser   map[string]map[string]*family // userFamilyKey -> family id -> family
	byClient map[string]map[string]*family // client id -> family id -> family
	seq      int64                         // the last family.Seq given
}

func newFamilyIndex() familyIndex {
	return familyIndex{byUser: make(map[string]map[string]*family), byClient: make(map[string]map[string]*family)}
}

// userFamilyKey is the index key of a user of a pool, by internal name.
func userFamilyKey(poolID, username string) string { return poolID + "\x00" + username }

func (ix *familyIndex) add(fam *family) {
	for _, m := range []struct {
		idx map[string]map[string]*family
		key string
	}{{ix.byUser, userFamilyKey(fam.PoolID, fam.Username)}, {ix.byClient, fam.ClientID}} {
		set := m.idx[m.key]
		if set == nil {
			set = make(map[string]*family)
			m.idx[m.key] = set
		}
		set[fam.ID] = fam
	}
	ix.seq = max(ix.seq, fam.Seq)
}

func (ix *familyIndex) remove(fam *family) {
	for _, m := range []struct {
		idx map[string]map[string]*family
		key string
	}{{ix.byUser, userFamilyKey(fam.PoolID, fam.Username)}, {ix.byClient, fam.ClientID}} {
		if set := m.idx[m.key]; set != nil {
			delete(set, fam.ID)
			if len(set) == 0 {
				delete(m.idx, m.key)
			}
		}
	}
}

// addFamilyLocked keeps a new family and its refresh token's hash, and
// drops the (user, client)'s oldest families past the cap.
func (f *Fake) addFamilyLocked(fam *family, refreshHash string, now time.Time) {
	f.st.fams.seq++
	fam.Seq = f.st.fams.seq
	fam.RefreshHash = refreshHash
	f.st.Families[fam.ID] = fam
	f.st.Refresh[refreshHash] = fam.ID
	f.trk.mark(recFamily, "", fam.ID)
	f.st.fams.add(fam)
	f.capFamiliesLocked(fam.PoolID, fam.Username, fam.ClientID, now)
}

// dropFamilyLocked forgets a family and its refresh token.
func (f *Fake) dropFamilyLocked(fam *family) {
	f.trk.mark(recFamily, "", fam.ID)
	delete(f.st.Families, fam.ID)
	if fam.RefreshHash != "" && f.st.Refresh[fam.RefreshHash] == fam.ID {
		delete(f.st.Refresh, fam.RefreshHash)
	}
	for _, r := range fam.Retired {
		if f.st.retired[r.Hash] == fam.ID {
			delete(f.st.retired, r.Hash)
		}
	}
	f.st.fams.remove(fam)
}

// capFamiliesLocked drops families of a user through one client past
// maxFamiliesPerUserClient: revoked or expired ones first, oldest first.
func (f *Fake) capFamiliesLocked(poolID, username, clientID string, now time.Time) {
	set := f.st.fams.byUser[userFamilyKey(poolID, username)]
	for {
		var n int
		var victim *family
		for _, fam := range set {
			if fam.ClientID != clientID {
				continue
			}
			n++
			if victim == nil || fam.spentAt(now) && !victim.spentAt(now) ||
				fam.spentAt(now) == victim.spentAt(now) && fam.Seq < victim.Seq {
				victim = fam
			}
		}
		if n <= maxFamiliesPerUserClient {
			return
		}
		f.dropFamilyLocked(victim)
	}
}

// spentAt reports whether a family can no longer refresh: revoked or
// past its refresh token's expiry.
func (fam *family) spentAt(now time.Time) bool { return fam.Revoked || !now.Before(fam.RefreshExpires) }

// familiesOfUser returns the families of a user (the live index map: do
// not add or remove while ranging over it).
func (f *Fake) familiesOfUser(poolID, username string) map[string]*family {
	return f.st.fams.byUser[userFamilyKey(poolID, username)]
}

// dropClientFamiliesLocked forgets every family issued to a client.
func (f *Fake) dropClientFamiliesLocked(clientID string) {
	for _, fam := range f.st.fams.byClient[clientID] {
		f.dropFamilyLocked(fam)
	}
}
