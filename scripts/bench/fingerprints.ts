/**
 * The fingerprints of the benchmark's votes: what the import and the tally of each generated export
 * record (the import's content fingerprint, the tally's input and result fingerprints). Speed work
 * must leave them as they are, whichever host hashes: the bench compares the Node host's (native
 * crypto) with the Apps Script host's (portable hashing) at the same size, and both with the values
 * below, recorded before the hashing moved to the hosts (issue 20), with the bench's fixed clock and salt
 * and its file names (`export-<ballots>.csv`, the channel every ballot is counted under).
 */
export interface VoteFingerprints {
  import: string;
  input: string;
  result: string;
}

export const RECORDED_FINGERPRINTS: Readonly<Record<number, VoteFingerprints>> = {
  2_000: {
    import: 'cd797235d259f8b9855d70ba4cbb01bf90b0ff4b09c804268c7ca9e227ac89d1',
    input: '08a9bdf8f986aef11d75f8ad7abbec430d32d52b60ab1622539a87296c1c0366',
    result: '12a8daa28d4cc9167bd7d5139a813d1093bb31d6e620e7ecb4dbbdfaffd2faca',
  },
  10_000: {
    import: 'a901947dc3548c0ca7f8b95e93270708c6b52f7d60c53167ce2ea944194b30b6',
    input: 'e98a8ace9deb5d5299fa4b727d537130f64e35b5a15435a70f8452f0ae504110',
    result: '44e0942c4a9d777227496ea8bd81ed6d3f674442fa0aabe435658a90b83dcbf4',
  },
  100_000: {
    import: 'a3560532250bad49648809098681c459db1e7e86311fefa06bc6879c343b5726',
    input: '9fd58e2f3d3d68315dd2434a3e6b196dac5353d9a4c9b3861861a77d1ddf9e8e',
    result: '0e16c9029559895c004f8eb94e45536ad3d2c81bc62e90806f7a0723f8bbf0ff',
  },
  200_000: {
    import: '0aaf583546a7cdb069ee4029f0cd6d6286b5fcadc007ed20febbdb44c59810ea',
    input: 'a03d795b58cfb7c9f724f7798895f99cdd9d5771e0c3c3b742197d305967fd08',
    result: 'e16bb01c188c25088271bfda75b9bdf353948fb9cc17d3e8a857674b5441a270',
  },
};

/** How a size's fingerprints compare: with the Apps Script host's and with the recorded ones (null: nothing to compare with). */
export interface FingerprintCheck {
  fingerprints: VoteFingerprints;
  matchesAppsScript: boolean | null;
  matchesRecorded: boolean | null;
}

const same = (a: VoteFingerprints, b: VoteFingerprints): boolean => a.import === b.import && a.input === b.input && a.result === b.result;

export function checkFingerprints(ballots: number, node: VoteFingerprints, appsScript: { ballots: number; fingerprints: VoteFingerprints }): FingerprintCheck {
  const recorded = RECORDED_FINGERPRINTS[ballots];
  return {
    fingerprints: node,
    matchesAppsScript: appsScript.ballots === ballots ? same(node, appsScript.fingerprints) : null,
    matchesRecorded: recorded === undefined ? null : same(node, recorded),
  };
}
