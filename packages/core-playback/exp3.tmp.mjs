import { MPEGDecoder } from "mpg123-decoder";
import { readFileSync } from "node:fs";
const BR1=[0,32,40,48,56,64,80,96,112,128,160,192,224,256,320];
function frames(b){ const out=[]; let o=0; while(o+4<=b.length){ if(b[o]!==0xff||(b[o+1]&0xe0)!==0xe0){o++;continue;} const br=BR1[b[o+2]>>4]; const pad=(b[o+2]>>1)&1; const len=Math.floor(144*br*1000/44100)+pad; out.push([o,len]); o+=len;} return out;}
for (const f of ["staircase-vbr.mp3","staircase-cbr.mp3"]) {
const bytes = new Uint8Array(readFileSync("test-fixtures/signals/"+f));
const fr = frames(bytes);
const full = new MPEGDecoder({enableGapless:false}); await full.ready;
const refr = full.decode(bytes).channelData; 
const d = new MPEGDecoder({enableGapless:false}); await d.ready;
let worst=0, worstBytes=0; const t0=Date.now(); const hist={};
for (let j=1;j<fr.length-20;j+=3){
  await d.reset();
  const outs=[]; for (const [o,l] of fr.slice(j,j+20)) outs.push(d.decode(bytes.subarray(o,o+l)).channelData);
  let lastBad=-1;
  for (let k=0;k<20;k++){ for (const c of [0,1]) { const x=outs[k][c]; const base=(j-1+k)*1152; for(let i=0;i<1152;i++) if(Math.abs(x[i]-refr[c][base+i])>1e-6){lastBad=k;break;} } }
  const conv=lastBad+1; hist[conv]=(hist[conv]??0)+1; if(conv>worst){worst=conv;}
  let by=0; for (let k=0;k<conv;k++) by+=fr[j+k][1]; worstBytes=Math.max(worstBytes,by);
}
console.log(f,"worst frames",worst,"bytes",worstBytes,hist,"ms",Date.now()-t0);
}
