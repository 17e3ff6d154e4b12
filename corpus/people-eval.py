import json,sys,re,collections
# usage: peval.py labels.jsonl pred.jsonl [verbose]
lab={}
for f in sys.argv[1].split(','):
    for l in open(f):
        if l.strip():
            d=json.loads(l); lab[d['id']]=d['people']
pred={}
for l in open(sys.argv[2]):
    d=json.loads(l); i=d['source'].split('/')[-1][:-4]
    pred[i]=d.get('peopleRoles',[])
verbose=len(sys.argv)>3
def sur(n):
    w=[x for x in re.split(r"[\s.]+",n.strip()) if x]
    return w[-1].lower() if w else ''
def same(a,b):
    a,b=sur(a),sur(b)
    if not a or not b: return False
    k=0
    while k<min(len(a),len(b)) and a[k]==b[k]: k+=1
    return k>=min(len(a),len(b))-2 and k>=3
def fullname_ok(p,l):
    # the predicted name has the same words as the label (ignoring case endings): every predicted word matches a label word
    pw=[x for x in re.split(r"[\s.]+",p) if x]; lw=[x for x in re.split(r"[\s.]+",l) if x]
    def m(x,y):
        x=x.lower();y=y.lower();k=0
        while k<min(len(x),len(y)) and x[k]==y[k]: k+=1
        return k>=min(len(x),len(y))-2 and k>=1
    return all(any(m(x,y) for y in lw) for x in pw)
tp=fp=fn=exact=0
for i,L in lab.items():
    P=pred.get(i,[])
    used=set()
    for p in P:
        hit=None
        for j,l in enumerate(L):
            if j not in used and same(p['name'],l['name']): hit=j;break
        if hit is None:
            fp+=1
            if verbose: print('FP',i,p['name'],'|',p['role'])
        else:
            used.add(hit); tp+=1
            if fullname_ok(p['name'],L[hit]['name']): exact+=1
            elif verbose: print('NAME',i,p['name'],'vs',L[hit]['name'])
    for j,l in enumerate(L):
        if j not in used:
            fn+=1
            if verbose: print('FN',i,l['name'],'|',l.get('role'))
P=tp/max(1,tp+fp); R=tp/max(1,tp+fn)
print(f"pages {len(lab)} people {tp+fn}: precision {P:.3f} recall {R:.3f} F1 {2*P*R/max(1e-9,P+R):.3f}; names without extra words {exact}/{tp}")
