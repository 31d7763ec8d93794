import { MPEGDecoder } from "mpg123-decoder";
import { readFileSync } from "node:fs";
const BR1=[0,32,40,48,56,64,80,96,112,128,160,192,224,256,320];
function frames(b){ const out=[]; let o=0; while(o+4<=b.length){ if(b[o]!==0xff||(b[o+1]&0xe0)!==0xe0){o++;continue;} const br=BR1[b[o+2]>>4]; const pad=(b[o+2]>>1)&1; const len=Math.floor(144*br*1000/44100)+pad; out.push([o,len]); o+=len;} return out;}
const bytes = new Uint8Array(readFileSync("test-fixtures/signals/staircase-vbr.mp3"));
const fr = frames(bytes); console.log("frames", fr.length, fr.slice(0,3), fr.at(-1), bytes.length);
const full = new MPEGDecoder({enableGapless:false}); await full.ready;
const ref = full.decode(bytes).channelData[0];
// per frame decode from start
const d = new MPEGDecoder({enableGapless:false}); await d.ready;
const counts=[]; for (const [o,l] of fr.slice(0,8)) counts.push(d.decode(bytes.subarray(o,o+l)).samplesDecoded);
console.log("per-frame counts from start", counts);
for (const j of [1, 50, 300, 500]) {
  await d.reset();
  const counts=[]; const outs=[]; 
  for (const [o,l] of fr.slice(j,j+10)) { const r=d.decode(bytes.subarray(o,o+l)); counts.push(r.samplesDecoded); outs.push(r.channelData[0]); }
  const cat = new Float32Array(counts.reduce((a,b)=>a+b,0)); let p=0; for(const x of outs){cat.set(x,p);p+=x.length;}
  // compare cat to ref at (j-1)*1152 (frame j is raw audio frame j-1 since frame 0 is Xing)
  const base=(j-1)*1152; const diffs=[]; for (let k=0;k<10;k++){ let m=0; for(let i=k*1152;i<(k+1)*1152&&i<cat.length;i++) m=Math.max(m,Math.abs(cat[i]-ref[base+i])); diffs.push(m.toFixed(4)); }
  console.log("start",j,"counts",counts.join(","),"maxdiff per frame",diffs.join(" "));
}
