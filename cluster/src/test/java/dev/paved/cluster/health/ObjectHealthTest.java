package dev.paved.cluster.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.cluster.object.ObjectRef;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The health model per kind (docs/health.md), on live objects as the API server returns them. */
class ObjectHealthTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) throws Exception {
    return JSON.readValue(text.replace('\'', '"'), Map.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      a new generation not yet observed | {'kind':'Deployment','metadata':{'generation':3},'spec':{'replicas':2},'status':{'observedGeneration':2,'replicas':2,'updatedReplicas':2,'availableReplicas':2}} | PROGRESSING
      new pods not ready yet            | {'kind':'Deployment','metadata':{'generation':2},'spec':{'replicas':2},'status':{'observedGeneration':2,'replicas':2,'updatedReplicas':2,'availableReplicas':1}} | PROGRESSING
      old replicas still terminating    | {'kind':'Deployment','metadata':{'generation':2},'spec':{'replicas':2},'status':{'observedGeneration':2,'replicas':3,'updatedReplicas':2,'availableReplicas':2}} | PROGRESSING
      rolled out                        | {'kind':'Deployment','metadata':{'generation':2},'spec':{'replicas':2},'status':{'observedGeneration':2,'replicas':2,'updatedReplicas':2,'availableReplicas':2}} | HEALTHY
      progress deadline exceeded        | {'kind':'Deployment','metadata':{'generation':2},'spec':{'replicas':2},'status':{'observedGeneration':2,'conditions':[{'type':'Progressing','status':'False','reason':'ProgressDeadlineExceeded'}]}} | DEGRADED
      paused                            | {'kind':'Deployment','metadata':{'generation':2},'spec':{'paused':true}} | SUSPENDED
      failed job                        | {'kind':'Job','status':{'conditions':[{'type':'Failed','status':'True','reason':'BackoffLimitExceeded','message':'Job has reached the specified backoff limit'}]}} | DEGRADED
      complete job                      | {'kind':'Job','status':{'conditions':[{'type':'Complete','status':'True'}],'succeeded':1}} | HEALTHY
      job queued by Kueue               | {'kind':'Job','metadata':{'labels':{'kueue.x-k8s.io/queue-name':'default'}},'spec':{'suspend':true}} | SUSPENDED
      running job                       | {'kind':'Job','status':{'active':2}} | PROGRESSING
      crash looping pod                 | {'kind':'Pod','status':{'phase':'Running','containerStatuses':[{'name':'app','state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}} | DEGRADED
      ready pod                         | {'kind':'Pod','status':{'phase':'Running','conditions':[{'type':'Ready','status':'True'}]}} | HEALTHY
      bound claim                       | {'kind':'PersistentVolumeClaim','status':{'phase':'Bound'}} | HEALTHY
      pending claim                     | {'kind':'PersistentVolumeClaim','status':{'phase':'Pending'}} | PROGRESSING
      load balancer without address     | {'kind':'Service','spec':{'type':'LoadBalancer'},'status':{'loadBalancer':{}}} | PROGRESSING
      ingress without address           | {'kind':'Ingress','status':{'loadBalancer':{}}} | HEALTHY
      autoscaler without metrics        | {'kind':'HorizontalPodAutoscaler','status':{'conditions':[{'type':'AbleToScale','status':'True'},{'type':'ScalingActive','status':'False','reason':'FailedGetResourceMetric'}]}} | HEALTHY
      autoscaler unable to scale        | {'kind':'HorizontalPodAutoscaler','status':{'conditions':[{'type':'AbleToScale','status':'False','message':'no target'}]}} | DEGRADED
      custom resource not ready         | {'kind':'InferenceService','status':{'conditions':[{'type':'Ready','status':'False','message':'model load failed'}]}} | DEGRADED
      custom resource without status    | {'kind':'LocalQueue'} | HEALTHY
      statefulset updating              | {'kind':'StatefulSet','metadata':{'generation':1},'spec':{'replicas':1},'status':{'observedGeneration':1,'updatedReplicas':0,'readyReplicas':1,'currentRevision':'a','updateRevision':'b'}} | PROGRESSING
      """)
  void judgesEachKind(String situation, String object, HealthStatus expected) throws Exception {
    Health health = ObjectHealth.of(json(object));
    assertThat(health.status()).as(situation).isEqualTo(expected);
    assertThat(health.message()).isNotBlank();
  }

  @Test
  void anAppTakesTheWorstOfItsObjectsWithTheirMessages() {
    Map<ObjectRef, Health> objects = new LinkedHashMap<>();
    objects.put(new ObjectRef("v1", "Service", "ns", "chat"), Health.healthy("serving"));
    objects.put(
        new ObjectRef("apps/v1", "Deployment", "ns", "chat"),
        Health.progressing("1 of 2 updated replicas available"));
    objects.put(
        new ObjectRef("batch/v1", "Job", "ns", "warmup"), Health.degraded("the job failed"));
    Health overall = new AppHealth(objects).overall();
    assertThat(overall.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(overall.message()).isEqualTo("Job/warmup: the job failed");
    assertThat(new AppHealth(Map.of()).overall().status()).isEqualTo(HealthStatus.MISSING);
    objects.put(
        new ObjectRef("v1", "ConfigMap", "ns", "x"), Health.unknown("the cluster is unreachable"));
    assertThat(new AppHealth(objects).overall().status()).isEqualTo(HealthStatus.UNKNOWN);
  }
}
