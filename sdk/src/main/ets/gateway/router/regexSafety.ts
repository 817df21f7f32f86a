/**
 * A conservative check against catastrophic backtracking in route regexes (the role safe-regex2
 * plays for find-my-way): it rejects backreferences and quantified groups that contain a quantifier
 * themselves (`(a+)+`, `(\w*)*`, `(x{1,3})+`). Returns the problem, or undefined when the regex is fine.
 */
export const checkRegexSafety = (source: string): string | undefined => {
  // quantified[d] is true when the group open at depth d contains a repetition.
  const quantified: boolean[] = [false];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 92) {
      const next = i + 1 < source.length ? source.charCodeAt(i + 1) : 0;
      if (next >= 49 && next <= 57) {
        return 'backreferences are not allowed';
      }
      i++;
      continue;
    }
    if (inClass) {
      inClass = c !== 93;
      continue;
    }
    if (c === 91) {
      inClass = true;
    } else if (c === 40) {
      quantified.push(false);
    } else if (c === 41) {
      const inner = quantified.length > 1 ? quantified.pop() === true : false;
      const next = i + 1 < source.length ? source.charCodeAt(i + 1) : 0;
      const repeats = next === 42 || next === 43 || next === 123;
      if (inner && repeats) {
        return 'nested quantifiers';
      }
      if (inner || repeats) {
        quantified[quantified.length - 1] = true;
      }
    } else if (c === 42 || c === 43 || c === 123) {
      quantified[quantified.length - 1] = true;
    }
  }
  return undefined;
};
