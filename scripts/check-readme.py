#!/usr/bin/env python3
"""Builds a new Maven project outside the repository from README.md alone (its pom.xml, plus jspy-testing for
the test snippet) with every ```java block of the tour, and compiles it with the machine's mvn under the
README's -Xlint:all -Werror. Run `mvn -B install -DskipTests` first. Usage: scripts/check-readme.py [DIR]"""
import re, os, shutil, subprocess, sys
here=os.path.dirname(os.path.abspath(__file__))
readme=open(os.path.join(here,'..','README.md')).read()
root=sys.argv[1] if len(sys.argv)>1 else '/tmp/jspy-readme-check'; shutil.rmtree(root, ignore_errors=True)
d=root+'/src/main/java/com/example/'; t=root+'/src/test/java/com/example/'
os.makedirs(d); os.makedirs(t)
pom=re.search(r'```xml\n(<\?xml.*?)```', readme, re.S).group(1)
pom=pom.replace("</dependencies>","""  <dependency>
      <groupId>dev.jspy</groupId>
      <artifactId>jspy-testing</artifactId>
      <version>${jspy.version}</version>
      <scope>test</scope>
    </dependency>
  </dependencies>""")
# The integrations' snippets need their artifacts, as the README's sections say to add them.
extra=[('dev.jspy','jspy-opentelemetry','${jspy.version}'),('dev.jspy','jspy-micrometer','${jspy.version}'),('io.opentelemetry','opentelemetry-sdk','1.68.0'),
       ('io.opentelemetry','opentelemetry-exporter-otlp','1.68.0'),('dev.jspy','jspy-spring-boot-starter','${jspy.version}'),
       ('org.springframework.boot','spring-boot-starter-web','4.0.7')]
head,tail=pom.rsplit("</dependencies>",1)
pom=head+''.join(f"""  <dependency>
      <groupId>{g}</groupId>
      <artifactId>{a}</artifactId>
      <version>{v}</version>
    </dependency>
  """ for g,a,v in extra)+"</dependencies>"+tail
open(root+'/pom.xml','w').write(pom)
blocks=re.findall(r'```java\n(.*?)```', readme, re.S)
hdr='package com.example;\n\nimport dev.jspy.annotations.*;\n'
imports=set(['import java.util.List;','import java.util.Map;','import java.nio.file.Path;','import dev.jspy.Jspy;','import dev.jspy.lm.LM;','import dev.jspy.Example;','import dev.jspy.evaluate.Metrics;'])
methods=[]; tests=[]; timports=set(imports)
for n,b in enumerate(blocks):
    if '@Signature' in b and 'class ' not in b:
        parts=re.split(r'^// (\w+)\.java.*$', b, flags=re.M)
        for i in range(1,len(parts),2):
            open(d+parts[i]+'.java','w').write(hdr+'\n'+parts[i+1].strip()+'\n')
        continue
    if 'class TwoStep' in b:
        cls=b[:b.index('var program')]; rest=b[b.index('var program'):]
        open(d+'TwoStep.java','w').write('package com.example;\n\nimport java.util.concurrent.CompletableFuture;\n'+cls.strip()+'\n')
        methods.append('  static void twoStep() {\n'+'\n'.join('    '+l for l in rest.strip().split('\n'))+'\n  }\n'); continue
    if 'class QaController' in b:
        open(d+'QaController.java','w').write('package com.example;\n\n'+b.replace('// QaController.java\n','').strip()+'\n'); continue
    if 'class Weather' in b:
        w=b.replace('// Weather.java\n','').replace('{ ... }\n  /** Tomorrow','{ return "sunny"; }\n  /** Tomorrow').replace('forecast(String city) { ... }','forecast(String city) { return CompletableFuture.completedFuture("rain"); }')
        open(d+'Weather.java','w').write('package com.example;\n\nimport java.util.concurrent.CompletableFuture;\n'+w.strip()+'\n'); continue
    imps=[l for l in b.split('\n') if l.startswith('import ')]
    code='\n'.join(l for l in b.split('\n') if not l.startswith('import '))
    params='String key' if 'List<Example> dev =' in code else 'String key, List<Example> dev'
    m=f'  @SuppressWarnings("try")\n  static void block{n}({params}) throws Exception {{\n'+'\n'.join('    '+l for l in code.strip().split('\n'))+'\n  }\n'
    if 'dev.jspy.testing' in b: timports.update(imps); tests.append(m)
    else: imports.update(imps); methods.append(m)
open(d+'Simplify.java','w').write(hdr+'\n@Signature(value = "answer -> simplified_answer", chainOfThought = true) interface Simplify {}\n')
open(d+'Tour.java','w').write('package com.example;\n\n'+'\n'.join(sorted(imports))+'\n\nclass Tour {\n'+'\n'.join(methods)+'}\n')
open(t+'TestingTour.java','w').write('package com.example;\n\n'+'\n'.join(sorted(timports))+'\n\nclass TestingTour {\n'+'\n'.join(tests)+'}\n')
r=subprocess.run(['mvn','-B','-q','test-compile'],cwd=root,capture_output=True,text=True)
print(r.stdout[-6000:], r.stderr[-3000:]); print('rc', r.returncode); sys.exit(r.returncode)
