// A deterministic large xl.cfg for throughput tests: comments, string / number / hex
// assignments, `;`-separated statements, one-line and three-line nested lists, escapes, tabs.
// The same mix, line for line, as ../shared/oracles/scripts/gen-large-config.sh, so our figures
// and the C parser's are taken on the same kind of input even without ../shared.

/** `lines` lines of config; with `plus`, every line is a `+=` onto one of 100 keys. */
export function largeConfig(lines: number, mode: 'plain' | 'plus' = 'plain'): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines) {
    const k = i % 10;
    if (mode === 'plus') {
      out.push(`key_${i % 100} += "chunk ${i}"\n`);
      i++;
      continue;
    }
    if (k === 0) {
      out.push(`# comment ${i}: the quick brown fox, [not] "parsed"\n`);
      i++;
    } else if (k === 1) {
      out.push(`name_${i} = "a string value with some text in it ${i}"\n`);
      i++;
    } else if (k === 2) {
      out.push(`num_${i} = ${i * 7919}\n`);
      i++;
    } else if (k === 3) {
      out.push(`hex_${i} = 0x${i.toString(16)} ; sq_${i} = 'single ${i}'\n`);
      i++;
    } else if (k === 4) {
      out.push(`disk_${i} = [ 'phy:/dev/vg/d${i},xvda,w', 'file:/srv/${i}.img,xvdb,r' ]\n`);
      i++;
    } else if (k === 5) {
      out.push(`ml_${i} = [ "x${i}",\n`);
      i++;
      if (i < lines) {
        out.push(`    [ "nested", [ ${i} ] ],\n`);
        i++;
      }
      if (i < lines) {
        out.push('    "tail" ]\n');
        i++;
      } else {
        out.push(']\n');
      }
    } else if (k === 8) {
      out.push(`esc_${i} = "tab\\there \\"quoted\\" back\\\\slash"\n`);
      i++;
    } else {
      out.push(`  \tpad_${i}\t=\t${i}   # trailing comment\n`);
      i++;
    }
  }
  return out.join('');
}

/** About `bytes` bytes of largeConfig (whole lines). */
export function largeConfigOfSize(bytes: number): string {
  // The mix averages about 40 bytes a line.
  let lines = Math.max(10, Math.round(bytes / 40));
  let text = largeConfig(lines);
  while (text.length < bytes) {
    lines = Math.ceil(lines * (bytes / text.length) * 1.01);
    text = largeConfig(lines);
  }
  return text;
}
